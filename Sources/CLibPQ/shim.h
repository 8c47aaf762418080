// Debian's libpq-dev (PostgreSQL 15) puts the header in /usr/include/postgresql
// (`pkg-config libpq --cflags`).
#include <libpq-fe.h>
