/*
 * C reference for the CSV → hashed vectors bench (bench/cases/12-csv-hash.js): one thread reads the
 * CTR CSV file, splits each line, and hashes 11 categorical columns as "col=value" and 8 numeric
 * columns by name (value added) into a sorted, collision-summed CSR row, as streamlab's
 * FeatureHasher does: slot = floorMod(abs(murmur3_32 over the key's UTF-16 code units), n). Every
 * key is hashed on every row (no cache). Built with `cc -O3` at bench time.
 *
 *   hash_csv <file.csv> <numFeatures> <runs>
 *
 * Columns are found by name in the header line. Text must be ASCII (one UTF-16 unit per byte).
 * Prints one JSON line: wall and CPU seconds per run, rows, nnz and a checksum of the CSR arrays
 * (the bench computes the same over FeatureHasherBatchOp's output).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *CATEGORICAL[] = {"C1", "banner_pos", "site_category", "app_domain", "app_category", "device_type",
                                    "device_conn_type", "site_id", "site_domain", "device_id", "device_model"};
static const char *NUMERIC[] = {"C14", "C15", "C16", "C17", "C18", "C19", "C20", "C21"};
#define NCAT 11
#define NNUM 8
#define MAXCOLS 64

static double clock_seconds(clockid_t which) {
  struct timespec ts;
  clock_gettime(which, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static inline uint32_t rotl(uint32_t x, int r) { return (x << r) | (x >> (32 - r)); }

/* murmur3_x86_32, seed 0, over the UTF-16 code units of the ASCII bytes key[0..len). */
static int32_t murmur_utf16(const unsigned char *key, int len) {
  const uint32_t c1 = 0xcc9e2d51, c2 = 0x1b873593;
  uint32_t h = 0;
  int i = 1;
  for (; i < len; i += 2) {
    uint32_t k = (uint32_t)key[i - 1] | ((uint32_t)key[i] << 16);
    k *= c1; k = rotl(k, 15); k *= c2;
    h ^= k; h = rotl(h, 13); h = h * 5 + 0xe6546b64;
  }
  if (len & 1) {
    uint32_t k = key[len - 1];
    k *= c1; k = rotl(k, 15); k *= c2;
    h ^= k;
  }
  h ^= (uint32_t)(len * 2);
  h ^= h >> 16; h *= 0x85ebca6b; h ^= h >> 13; h *= 0xc2b2ae35; h ^= h >> 16;
  return (int32_t)h;
}

static int slot_of(int32_t h, int n) {
  int64_t a = h == INT32_MIN ? (int64_t)h : (h < 0 ? -(int64_t)h : h);
  int64_t m = a % n;
  return (int)(m < 0 ? m + n : m);
}

static double parse_number(const char *s, int len) {
  /* Integer fast path (the CTR numeric columns), strtod otherwise. */
  int i = 0, neg = 0;
  if (len > 0 && (s[0] == '-' || s[0] == '+')) { neg = s[0] == '-'; i = 1; }
  int64_t v = 0;
  int digits = 0;
  for (; i < len && s[i] >= '0' && s[i] <= '9' && digits < 18; i++, digits++) v = v * 10 + (s[i] - '0');
  if (i == len && digits > 0) return neg ? -(double)v : (double)v;
  char buf[64];
  int l = len < 63 ? len : 63;
  memcpy(buf, s, l); buf[l] = 0;
  return strtod(buf, NULL);
}

int main(int argc, char **argv) {
  if (argc != 4) { fprintf(stderr, "usage: hash_csv file.csv numFeatures runs\n"); return 2; }
  const int nf = atoi(argv[2]);
  const int runs = atoi(argv[3]);
  double *wall = calloc(runs, 8), *cpu = calloc(runs, 8);
  long rows = 0, nnz = 0;
  uint32_t check = 0;
  for (int run = 0; run < runs; run++) {
    double t0 = clock_seconds(CLOCK_MONOTONIC), c0 = clock_seconds(CLOCK_PROCESS_CPUTIME_ID);
    FILE *f = fopen(argv[1], "rb");
    if (f == NULL) { perror(argv[1]); return 1; }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *buf = malloc(size + 1);
    if (fread(buf, 1, size, f) != (size_t)size) { fprintf(stderr, "short read\n"); return 1; }
    fclose(f);
    buf[size] = '\n';
    /* Header: which field is which feature. role[c] = 1 + categorical index, or -(1 + numeric index), 0 unused. */
    int role[MAXCOLS] = {0};
    long at = 0;
    int col = 0;
    while (at < size && buf[at] != '\n') {
      long start = at;
      while (buf[at] != ',' && buf[at] != '\n' && buf[at] != '\r') at++;
      int len = (int)(at - start);
      for (int j = 0; j < NCAT; j++) if ((int)strlen(CATEGORICAL[j]) == len && memcmp(buf + start, CATEGORICAL[j], len) == 0) role[col] = 1 + j;
      for (int j = 0; j < NNUM; j++) if ((int)strlen(NUMERIC[j]) == len && memcmp(buf + start, NUMERIC[j], len) == 0) role[col] = -(1 + j);
      col++;
      if (buf[at] == '\r') at++;
      if (buf[at] == ',') at++;
    }
    at++;
    int numSlot[NNUM];
    for (int j = 0; j < NNUM; j++) numSlot[j] = slot_of(murmur_utf16((const unsigned char *)NUMERIC[j], (int)strlen(NUMERIC[j])), nf);
    long cap = 1 << 20, capRows = 1 << 16;
    int32_t *offsets = malloc(4 * capRows), *indices = malloc(4 * cap);
    double *values = malloc(8 * cap);
    offsets[0] = 0;
    rows = 0; nnz = 0;
    unsigned char key[256];
    int rowIdx[NCAT + NNUM];
    double rowVal[NCAT + NNUM];
    while (at < size) {
      int count = 0;
      col = 0;
      for (;;) {
        long start = at;
        while (buf[at] != ',' && buf[at] != '\n') at++;
        long end = at;
        if (end > start && buf[end - 1] == '\r') end--;
        int r = col < MAXCOLS ? role[col] : 0;
        int len = (int)(end - start);
        if (r != 0 && len > 0) {
          int s;
          double v;
          if (r > 0) {
            const char *name = CATEGORICAL[r - 1];
            int nl = (int)strlen(name);
            memcpy(key, name, nl);
            key[nl] = '=';
            memcpy(key + nl + 1, buf + start, len);
            s = slot_of(murmur_utf16(key, nl + 1 + len), nf);
            v = 1.0;
          } else {
            s = numSlot[-r - 1];
            v = parse_number((const char *)buf + start, len);
          }
          /* insertion into the row's sorted slots, summing collisions */
          int k = count;
          while (k > 0 && rowIdx[k - 1] > s) k--;
          if (k > 0 && rowIdx[k - 1] == s) rowVal[k - 1] += v;
          else {
            memmove(rowIdx + k + 1, rowIdx + k, 4 * (count - k));
            memmove(rowVal + k + 1, rowVal + k, 8 * (count - k));
            rowIdx[k] = s;
            rowVal[k] = v;
            count++;
          }
        }
        col++;
        if (buf[at++] == '\n') break;
      }
      if (nnz + count > cap) { cap *= 2; indices = realloc(indices, 4 * cap); values = realloc(values, 8 * cap); }
      if (rows + 2 > capRows) { capRows *= 2; offsets = realloc(offsets, 4 * capRows); }
      memcpy(indices + nnz, rowIdx, 4 * count);
      memcpy(values + nnz, rowVal, 8 * count);
      nnz += count;
      offsets[++rows] = (int32_t)nnz;
    }
    wall[run] = clock_seconds(CLOCK_MONOTONIC) - t0;
    cpu[run] = clock_seconds(CLOCK_PROCESS_CPUTIME_ID) - c0;
    /* Checksum (not timed): FNV-1a-style over offsets, indices and the values' 32-bit words. */
    check = 2166136261u;
    for (long r = 0; r <= rows; r++) check = (check ^ (uint32_t)offsets[r]) * 16777619u;
    for (long k = 0; k < nnz; k++) {
      uint64_t bits;
      memcpy(&bits, values + k, 8);
      check = (check ^ (uint32_t)indices[k]) * 16777619u;
      check = (check ^ (uint32_t)bits) * 16777619u;
      check = (check ^ (uint32_t)(bits >> 32)) * 16777619u;
    }
    free(buf); free(offsets); free(indices); free(values);
  }
  printf("{\"seconds\":[");
  for (int r = 0; r < runs; r++) printf("%s%.6f", r ? "," : "", wall[r]);
  printf("],\"cpuSeconds\":[");
  for (int r = 0; r < runs; r++) printf("%s%.6f", r ? "," : "", cpu[r]);
  printf("],\"rows\":%ld,\"nnz\":%ld,\"checksum\":%u}\n", rows, nnz, check);
  return 0;
}
