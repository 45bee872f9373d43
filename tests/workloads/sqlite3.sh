# sqlite3: Debian's sqlite3 shell (dynamic, libsqlite3) running an SQL script on a file
# database: tables, indexes, joins, aggregates, CTEs, window functions, transactions, errors.
guest sqlite3 -bail db.sqlite < "$WORKLOAD_DIR/workload.sql"
echo "sqlite3 status: $?"
guest sqlite3 db.sqlite 'select count(*), sum(qty) from orders;'
guest sqlite3 db.sqlite 'select * from no_such_table;'
echo "sqlite3 error status: $?"
