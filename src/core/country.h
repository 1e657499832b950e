/* country.h: ISO 3166-1 alpha-2 country codes, as incidents record the
 * host and destination countries. */
#ifndef RW_CORE_COUNTRY_H
#define RW_CORE_COUNTRY_H

#include <stdbool.h>

/* True when code is an officially assigned ISO 3166-1 alpha-2 code (two
 * upper-case letters), or XK (Kosovo), which is in wide use. */
bool rw_country_code_valid(const char *code);

#endif
