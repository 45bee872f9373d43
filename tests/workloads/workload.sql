-- workload.sql - the SQL script of the sqlite3 workload (tests/workloads/sqlite3.sh).
.headers on
.mode list
PRAGMA journal_mode = DELETE;
CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, city TEXT);
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer INTEGER REFERENCES customers(id),
                     item TEXT, qty INTEGER, price REAL);
CREATE INDEX orders_by_customer ON orders(customer);
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
INSERT INTO customers (id, name, city)
  SELECT i, 'customer' || i, CASE i % 4 WHEN 0 THEN 'Paris' WHEN 1 THEN 'Lima' WHEN 2 THEN 'Oslo' ELSE 'Kyiv' END FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
INSERT INTO orders (customer, item, qty, price)
  SELECT 1 + (i * 7919) % 200, 'item' || (i % 37), 1 + i % 9, (i % 100) + 0.25 FROM n;
COMMIT;
SELECT city, count(*) AS customers FROM customers GROUP BY city ORDER BY city;
SELECT c.city, count(o.id) AS orders, sum(o.qty) AS qty, printf('%.2f', sum(o.qty * o.price)) AS total
  FROM customers c JOIN orders o ON o.customer = c.id GROUP BY c.city ORDER BY total DESC;
SELECT item, qty, rank() OVER (ORDER BY qty DESC, item) AS r
  FROM (SELECT item, sum(qty) AS qty FROM orders GROUP BY item) ORDER BY r LIMIT 5;
SELECT name FROM customers WHERE id IN (SELECT customer FROM orders GROUP BY customer HAVING count(*) > 18) ORDER BY id;
UPDATE orders SET qty = qty * 2 WHERE item = 'item3';
DELETE FROM orders WHERE id % 10 = 0;
SELECT count(*), sum(qty), min(price), max(price), avg(qty) FROM orders;
SELECT upper('abc'), length('héllo'), substr('sqlite', 2, 3), replace('a-b-c', '-', '+'),
       hex(zeroblob(2)), typeof(1.5), 7 / 2, 7 % 3, 7 / 2.0, abs(-4), round(2.675, 2);
SELECT group_concat(name, ',') FROM (SELECT name FROM customers ORDER BY id LIMIT 6);
SELECT json_object('a', 1, 'b', json_array(1, 2, 'x'));
EXPLAIN QUERY PLAN SELECT * FROM orders WHERE customer = 5;
PRAGMA integrity_check;
