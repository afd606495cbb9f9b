// @shelfstream/postgres-connector/testing: a throw-away database per test suite next to DATABASE_URL's.
export * from './test-database';
