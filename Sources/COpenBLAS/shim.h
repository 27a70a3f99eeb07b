// Debian points cblas.h at the installed BLAS through its alternatives system.
#include <cblas.h>
