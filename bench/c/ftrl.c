/*
 * C reference for the FTRL bench (bench/cases/40-ftrl.js): the FTRL-Proximal loop a C programmer
 * would write over the same pre-hashed CSR rows, built with `cc -O3 -ffp-contract=off` at bench time.
 * Same arithmetic, in the same order, as src/onlinelearning/ftrl/FtrlLearner.ts, so the final
 * coefficients must be bit-identical to streamlab's (the bench compares them byte for byte).
 *
 *   ftrl <rows.bin> <miniBatch> <interval> <runs> <weights.out>
 *
 * rows.bin: int32 n, nnz, dim; int32 offsets[n+1]; int32 indices[nnz]; float64 values[nnz];
 * int32 labels[n]; float64 ts[n]. Hyper-parameters: alpha 0.1, beta 1, l1 0.1, l2 0.1, intercept.
 * miniBatch 1 is the per-row loop (one pass: predict, then update the row's coordinates);
 * otherwise gradients are summed per coordinate and applied every miniBatch rows and at each
 * `interval` boundary of ts. Prints one JSON line: wall and CPU seconds of each run, and the progressive
 * log loss.
 *
 * exp() is fdlibm's __ieee754_exp as V8 ships it (src/base/ieee754.cc), not the C library's: glibc's
 * exp rounds differently in the last bit now and then, and the comparison is bit for bit.
 * fdlibm: Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved. Developed at SunSoft, a
 * Sun Microsystems, Inc. business. Permission to use, copy, modify, and distribute this software is
 * freely granted, provided that this notice is preserved.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static inline uint32_t hi_word(double x) { uint64_t u; memcpy(&u, &x, 8); return (uint32_t)(u >> 32); }
static inline uint32_t lo_word(double x) { uint64_t u; memcpy(&u, &x, 8); return (uint32_t)u; }
static inline double from_words(uint32_t hi, uint32_t lo) { uint64_t u = ((uint64_t)hi << 32) | lo; double x; memcpy(&x, &u, 8); return x; }

static double v8_exp(double x) {
  static const double halF[2] = {0.5, -0.5};
  static const double o_threshold = 7.09782712893383973096e+02, u_threshold = -7.45133219101941108420e+02;
  static const double ln2HI[2] = {6.93147180369123816490e-01, -6.93147180369123816490e-01};
  static const double ln2LO[2] = {1.90821492927058770002e-10, -1.90821492927058770002e-10};
  static const double invln2 = 1.44269504088896338700e+00;
  static const double P1 = 1.66666666666666019037e-01, P2 = -2.77777777770155933842e-03, P3 = 6.61375632143793436117e-05,
                      P4 = -1.65339022054652515390e-06, P5 = 4.13813679705723846039e-08, E = 2.718281828459045;
  static volatile double huge = 1.0e+300, twom1000 = 9.33263618503218878990e-302, two1023 = 8.988465674311579539e307;
  double y, hi = 0.0, lo = 0.0, c, t, twopk;
  int32_t k = 0;
  uint32_t hx = hi_word(x);
  int xsb = (hx >> 31) & 1;
  hx &= 0x7FFFFFFF;
  if (hx >= 0x40862E42) {
    if (hx >= 0x7FF00000) {
      if (((hx & 0xFFFFF) | lo_word(x)) != 0) return x + x;
      return xsb == 0 ? x : 0.0;
    }
    if (x > o_threshold) return huge * huge;
    if (x < u_threshold) return twom1000 * twom1000;
  }
  if (hx > 0x3FD62E42) {
    if (hx < 0x3FF0A2B2) {
      if (x == 1.0) return E;
      hi = x - ln2HI[xsb];
      lo = ln2LO[xsb];
      k = 1 - xsb - xsb;
    } else {
      k = (int)(invln2 * x + halF[xsb]);
      t = k;
      hi = x - t * ln2HI[0];
      lo = t * ln2LO[0];
    }
    x = hi - lo;
  } else if (hx < 0x3E300000) {
    if (huge + x > 1.0) return 1.0 + x;
  } else {
    k = 0;
  }
  t = x * x;
  twopk = k >= -1021 ? from_words(0x3FF00000 + ((uint32_t)k << 20), 0) : from_words(0x3FF00000 + ((uint32_t)(k + 1000) << 20), 0);
  c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k == 0) return 1.0 - ((x * c) / (c - 2.0) - x);
  y = 1.0 - ((lo - (x * c) / (2.0 - c)) - hi);
  if (k >= -1021) {
    if (k == 1024) return y * 2.0 * two1023;
    return y * twopk;
  }
  return y * twopk * twom1000;
}

static const double ALPHA = 0.1, BETA = 1.0, L1 = 0.1, L2 = 0.1;

static void *read_exact(FILE *f, size_t bytes) {
  void *p = malloc(bytes ? bytes : 1);
  if (p == NULL || fread(p, 1, bytes, f) != bytes) { fprintf(stderr, "ftrl: short read\n"); exit(1); }
  return p;
}

static double clock_seconds(clockid_t which) {
  struct timespec ts;
  clock_gettime(which, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* One FTRL-Proximal step of coordinate i with gradient g. */
static inline void update(double *w, double *z, double *n, double *sqn, int i, double g) {
  double nNext = n[i] + g * g;
  double sqrtNext = sqrt(nNext);
  double sigma = (sqrtNext - sqn[i]) / ALPHA;
  double zi = z[i] + (g - sigma * w[i]);
  z[i] = zi;
  n[i] = nNext;
  sqn[i] = sqrtNext;
  w[i] = fabs(zi) <= L1 ? 0.0 : ((zi < 0 ? -1.0 : 1.0) * L1 - zi) / ((BETA + sqrtNext) / ALPHA + L2);
}

int main(int argc, char **argv) {
  if (argc != 6) { fprintf(stderr, "usage: ftrl rows.bin miniBatch interval runs weights.out\n"); return 2; }
  FILE *f = fopen(argv[1], "rb");
  if (f == NULL) { perror(argv[1]); return 1; }
  int32_t head[3];
  if (fread(head, 4, 3, f) != 3) { fprintf(stderr, "ftrl: bad header\n"); return 1; }
  const int rows = head[0], nnz = head[1], dim = head[2] + 1; /* + intercept at 0 */
  int32_t *off = read_exact(f, 4u * (rows + 1));
  int32_t *idx = read_exact(f, 4u * nnz);
  double *val = read_exact(f, 8u * nnz);
  int32_t *lab = read_exact(f, 4u * rows);
  double *ts = read_exact(f, 8u * rows);
  fclose(f);
  const int batch = atoi(argv[2]);
  const double interval = atof(argv[3]);
  const int runs = atoi(argv[4]);
  double *w = malloc(8u * dim), *z = malloc(8u * dim), *n = malloc(8u * dim), *sqn = malloc(8u * dim);
  double *gsum = malloc(8u * dim), *gcnt = malloc(8u * dim);
  int32_t *touched = malloc(4u * dim);
  double loss = 0;
  double *cpu = malloc(8u * (runs > 0 ? runs : 1));
  printf("{\"seconds\":[");
  for (int run = 0; run < runs; run++) {
    memset(w, 0, 8u * dim); memset(z, 0, 8u * dim); memset(n, 0, 8u * dim); memset(sqn, 0, 8u * dim);
    memset(gsum, 0, 8u * dim); memset(gcnt, 0, 8u * dim);
    loss = 0;
    double t0 = clock_seconds(CLOCK_MONOTONIC), c0 = clock_seconds(CLOCK_PROCESS_CPUTIME_ID);
    if (batch == 1) {
      for (int r = 0; r < rows; r++) {
        double dot = w[0];
        for (int k = off[r]; k < off[r + 1]; k++) dot += w[idx[k] + 1] * val[k];
        double p = 1 / (1 + v8_exp(-dot));
        double y = lab[r], res = p - y;
        loss += y == 1 ? -log(p > 1e-15 ? p : 1e-15) : -log(1 - p > 1e-15 ? 1 - p : 1e-15);
        update(w, z, n, sqn, 0, res);
        for (int k = off[r]; k < off[r + 1]; k++) update(w, z, n, sqn, idx[k] + 1, res * val[k]);
      }
    } else {
      double boundary = (floor(ts[0] / interval) + 1) * interval;
      int pending = 0, count = 0;
      for (int r = 0; r <= rows; r++) {
        if (r == rows || ts[r] >= boundary || pending >= batch) {
          for (int t = 0; t < count; t++) {
            int i = touched[t];
            double g = gsum[i] / gcnt[i];
            gsum[i] = 0; gcnt[i] = 0;
            update(w, z, n, sqn, i, g);
          }
          count = 0; pending = 0;
          if (r == rows) break;
          if (ts[r] >= boundary) boundary += interval;
        }
        double dot = w[0];
        for (int k = off[r]; k < off[r + 1]; k++) dot += w[idx[k] + 1] * val[k];
        double p = 1 / (1 + v8_exp(-dot));
        double y = lab[r], res = p - y;
        loss += y == 1 ? -log(p > 1e-15 ? p : 1e-15) : -log(1 - p > 1e-15 ? 1 - p : 1e-15);
        if (gcnt[0] == 0) touched[count++] = 0;
        gsum[0] += res; gcnt[0] += 1;
        for (int k = off[r]; k < off[r + 1]; k++) {
          int i = idx[k] + 1;
          if (gcnt[i] == 0) touched[count++] = i;
          gsum[i] += res * val[k]; gcnt[i] += 1;
        }
        pending++;
      }
    }
    cpu[run] = clock_seconds(CLOCK_PROCESS_CPUTIME_ID) - c0;
    printf("%s%.6f", run ? "," : "", clock_seconds(CLOCK_MONOTONIC) - t0);
  }
  printf("],\"cpuSeconds\":[");
  for (int run = 0; run < runs; run++) printf("%s%.6f", run ? "," : "", cpu[run]);
  printf("],\"logLoss\":%.17g}\n", loss / rows);
  FILE *o = fopen(argv[5], "wb");
  if (o == NULL || fwrite(w, 8, dim, o) != (size_t)dim) { perror(argv[5]); return 1; }
  fclose(o);
  return 0;
}
