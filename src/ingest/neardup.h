/* neardup.h: MinHash signatures that find the same story republished.
 *
 * A signature is RW_MINHASH_SIZE minimum hashes over three-word shingles of
 * the text (case folded, punctuation ignored). Two texts with Jaccard
 * similarity J agree in about J of the positions. Bands of four positions
 * are hashed together so a store can find candidates by equality. */
#ifndef RW_INGEST_NEARDUP_H
#define RW_INGEST_NEARDUP_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* Share of agreeing positions from which two texts are near-duplicates. */
#define RW_NEAR_DUPLICATE_SIMILARITY 0.7

/* Computes the signature and band keys of text. */
void rw_minhash_compute(const char *text, size_t len,
    uint64_t minhash[RW_MINHASH_SIZE], uint64_t bands[RW_MINHASH_BANDS]);

/* Estimated Jaccard similarity of two signatures, 0..1. */
double rw_minhash_similarity(const uint64_t *a, const uint64_t *b);

#endif
