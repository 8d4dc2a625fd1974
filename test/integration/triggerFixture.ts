/** Kept for branches written against the old path: the fixture is ../helpers/triggerFixture. */
export * from '../helpers/triggerFixture';
