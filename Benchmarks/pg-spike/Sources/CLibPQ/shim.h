// Debian's libpq-dev puts the header in /usr/include/postgresql (pkg-config libpq --cflags).
#include <libpq-fe.h>
