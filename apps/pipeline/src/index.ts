export { pipelineProgram } from './main';
