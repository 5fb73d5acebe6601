/* SPDX-License-Identifier: GPL-2.0-only */
/* Bar charts for the bench report, drawn with cairo: one drawing path for
 * PNG and SVG. A chart is a grid of panels; each panel is a horizontal bar
 * chart of categories (modes) by series (workloads or metrics), on a linear
 * or log scale, with a title, an axis label with its unit, a legend and the
 * value written at the end of every bar. */
#ifndef SW_BENCH_PLOT_H
#define SW_BENCH_PLOT_H

#include <stdbool.h>
#include <stddef.h>

#include "util/error.h"

struct sw_plot_series {
	const char *name;
	const double *v;        /* one value per category; NAN: none ("n/a") */
};

struct sw_plot_panel {
	const char *title;
	const char *note;       /* small line under the title, may be NULL */
	const char *axis;       /* the value axis label, with its unit */
	const char *unit;       /* appended to the values on bars ("x", " MiB"), may be NULL */
	bool log;               /* log10 scale (values <= 0 are shown as n/a) */
	const char *const *cats;
	size_t ncat;
	const struct sw_plot_series *ser;
	size_t nser;
};

struct sw_plot {
	const char *title;
	const char *subtitle;   /* may be NULL */
	const struct sw_plot_panel *panels;
	size_t npanels;
	unsigned columns;       /* panels per row (0: 2) */
};

/* The size in pixels (PNG) or points (SVG) the chart is drawn at. */
void sw_plot_size(const struct sw_plot *p, int *width, int *height);
/* Writes PATH as PNG or SVG, chosen by its extension (.png, .svg). */
int sw_plot_write(const char *path, const struct sw_plot *p, struct sw_err *err);
/* A value as the bars show it: 3 significant digits, k/M/G for large ones. */
void sw_plot_format(double v, const char *unit, char *buf, size_t len);

#endif
