/* neardup.c: MinHash over word shingles for near-duplicate detection. */
#include "ingest/neardup.h"

#include <ctype.h>
#include <string.h>

#define SHINGLE_WORDS 3
#define ROWS_PER_BAND (RW_MINHASH_SIZE / RW_MINHASH_BANDS)

/* splitmix64 finaliser: a fast, well-mixed 64-bit permutation. */
static uint64_t
mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x;
}

/* Hashes the next word at text[*pos..len) (FNV-1a over folded bytes);
 * returns 0 when no word is left. */
static int
next_word(const char *text, size_t len, size_t *pos, uint64_t *ret_hash)
{
	size_t i = *pos;
	uint64_t h = 0xcbf29ce484222325ULL;

	while (i < len && !isalnum((unsigned char)text[i]) &&
	    (unsigned char)text[i] < 0x80)
		i++;
	if (i == len)
		return 0;
	while (i < len && (isalnum((unsigned char)text[i]) ||
	    (unsigned char)text[i] >= 0x80)) {
		h ^= (uint64_t)tolower((unsigned char)text[i]);
		h *= 0x100000001b3ULL;
		i++;
	}
	*pos = i;
	*ret_hash = h;
	return 1;
}

static void
add_shingle(uint64_t shingle, uint64_t minhash[RW_MINHASH_SIZE])
{
	for (size_t k = 0; k < RW_MINHASH_SIZE; k++) {
		uint64_t h = mix64(shingle ^ (0x9e3779b97f4a7c15ULL * (k + 1)));

		if (h < minhash[k])
			minhash[k] = h;
	}
}

void
rw_minhash_compute(const char *text, size_t len,
    uint64_t minhash[RW_MINHASH_SIZE], uint64_t bands[RW_MINHASH_BANDS])
{
	uint64_t window[SHINGLE_WORDS] = {0}, word;
	size_t pos = 0, words = 0;

	for (size_t k = 0; k < RW_MINHASH_SIZE; k++)
		minhash[k] = UINT64_MAX;
	while (next_word(text, len, &pos, &word)) {
		memmove(window, window + 1, sizeof(window) - sizeof(window[0]));
		window[SHINGLE_WORDS - 1] = word;
		if (++words >= SHINGLE_WORDS)
			add_shingle(mix64(window[0]) ^ mix64(window[1] + 1) ^
			    mix64(window[2] + 2), minhash);
	}
	/* Fewer words than a shingle: one shingle of all of them. */
	if (words > 0 && words < SHINGLE_WORDS)
		add_shingle(mix64(window[0]) ^ mix64(window[1] + 1) ^
		    mix64(window[2] + 2), minhash);
	for (size_t b = 0; b < RW_MINHASH_BANDS; b++) {
		uint64_t h = mix64(b + 1);

		for (size_t r = 0; r < ROWS_PER_BAND; r++)
			h = mix64(h ^ minhash[b * ROWS_PER_BAND + r]);
		bands[b] = h;
	}
}

double
rw_minhash_similarity(const uint64_t *a, const uint64_t *b)
{
	size_t same = 0;

	for (size_t k = 0; k < RW_MINHASH_SIZE; k++)
		same += a[k] == b[k];
	return (double)same / RW_MINHASH_SIZE;
}
