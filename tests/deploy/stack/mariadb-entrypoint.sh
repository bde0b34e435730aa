#!/bin/sh
# Creates MYSQL_DATABASE and the account MYSQL_USER/MYSQL_PASSWORD (from any
# host) if missing, then runs the server with the given options.
set -eu
[ -d /var/lib/mysql/mysql ] || mariadb-install-db --user=mysql --datadir=/var/lib/mysql \
  --auth-root-authentication-method=socket --skip-test-db >/dev/null
cat >/run/mysqld/init.sql <<SQL
CREATE DATABASE IF NOT EXISTS \`${MYSQL_DATABASE}\`;
CREATE USER IF NOT EXISTS '${MYSQL_USER}'@'%' IDENTIFIED BY '${MYSQL_PASSWORD}';
GRANT ALL ON \`${MYSQL_DATABASE}\`.* TO '${MYSQL_USER}'@'%';
SQL
chown mysql /run/mysqld/init.sql
chmod 0600 /run/mysqld/init.sql
exec mariadbd --user=mysql --datadir=/var/lib/mysql --bind-address=0.0.0.0 \
  --skip-name-resolve --innodb-buffer-pool-size=64M --init-file=/run/mysqld/init.sql "$@"
