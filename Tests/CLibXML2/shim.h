// libxml2's HTML parser and XPath, for tests that read the pages stagefeed writes.
// libxml2's encoding.h pulls in the system's ICU headers, which clash with the ICU inside
// Foundation; it needs only the converter and UTF-16 unit types, so declare those
// (the same as ICU's) and skip the header.
#define UCNV_H
typedef struct UConverter UConverter;
typedef unsigned short UChar;
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
