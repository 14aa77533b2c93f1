import { Client, escapeIdentifier } from 'pg';

// For the PostgreSQL int tests and the benchmark (not exported from the lib): each run works in a schema of its own.

/** Drops a schema the tests created, with everything in it. */
export async function dropPostgresSchema(connectionString: string, schema: string): Promise<void> {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${escapeIdentifier(schema)} CASCADE`);
  } finally {
    await client.end();
  }
}
