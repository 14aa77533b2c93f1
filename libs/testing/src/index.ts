/** @zicht/testing: given/when/then helpers and invented fixtures. Test code only. */
export * from './fixtures';
export * from './decider';
