// Software prefetch, which Swift has no spelling for. Header-only: Swift inlines it.
#include <stddef.h>

/// Asks for the cache lines of `bytes` bytes from `start`, to be written soon, without waiting
/// for them: the loads that follow find them in cache if there was enough work in between.
static inline void recbook_prefetch_for_write(const void *start, size_t bytes) {
    for (size_t offset = 0; offset < bytes; offset += 64) __builtin_prefetch((const char *)start + offset, 1, 3);
}
