// Every payload a test validates through `validateDto` is also validated by class-validator
// and class-transformer, and a different answer fails the test (see validate-dto.ts).
// Worker threads and child processes started by tests inherit the variable.
process.env.BILLING_CROSS_CHECK_VALIDATION = '1';
