// Debian's libpq-dev (PostgreSQL 15): the header, for libpq's types and constants only. The
// library itself is not linked: BekalPostgres loads libpq.so.5 when a command first connects
// (LibPQ.swift), so that no command that works on an SQLite file pays for loading it and the
// libraries it needs at every start.
#include <postgresql/libpq-fe.h>
