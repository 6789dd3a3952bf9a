/**
 * `WHERE col = @name AND ...` for the filters that are set (undefined ones are left out), with their named
 * parameters: the admin listings' filters on SQLite. `columns` maps each filter name to its column.
 */
export function whereEquals(filters: Record<string, unknown>, columns: Record<string, string>): { where: string; params: Record<string, unknown> } {
  const clauses: string[] = [];
  const params: Record<string, unknown> = {};
  for (const [name, column] of Object.entries(columns)) {
    if (filters[name] === undefined) continue;
    clauses.push(`${column} = @${name}`);
    params[name] = filters[name];
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}
