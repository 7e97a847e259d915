// glibc's allocator controls (mallopt, malloc_trim), which Swift's Glibc module leaves out.
// Other C libraries (musl) lack them: the module is empty there and stagefeed skips tuning.
#include <stdlib.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
