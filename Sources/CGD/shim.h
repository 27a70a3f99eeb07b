#include <gd.h>
#include <gdfonts.h>
#include <gdfontmb.h>
