export const PIPELINE = 1;
