/** Set-up file of the PostgreSQL project: the test helpers make every database on the test cluster. */
process.env.REGISTRE_TEST_ENGINE = 'postgres';
