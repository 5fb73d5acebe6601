// SPDX-License-Identifier: GPL-2.0-only
/* Bar charts with cairo. Everything is drawn by draw_chart() on a cairo_t;
 * only the surface differs between PNG and SVG. */
#include "bench/plot.h"

#include <cairo/cairo.h>
#include <cairo/cairo-svg.h>
#include <fontconfig/fontconfig.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define PANEL_W 900
#define TOP 78            /* chart title and subtitle */
#define P_TITLE 52        /* panel title and note */
#define P_LEFT 150        /* category labels */
#define P_RIGHT 90        /* room for the values past the longest bar */
#define P_BOTTOM 58       /* tick labels and the axis label */
#define LEGEND_ROW 22
#define BAR_H 15
#define GROUP_GAP 9
#define FONT "DejaVu Sans"

/* Series colours (0xRRGGBB), exact in 8-bit images. */
static const unsigned palette[] = {
	0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf,
};
#define NCOLORS (sizeof(palette) / sizeof(palette[0]))

void sw_plot_format(double v, const char *unit, char *buf, size_t len)
{
	double a = fabs(v);
	const char *u = unit ? unit : "";

	if (isnan(v))
		snprintf(buf, len, "n/a");
	else if (strcmp(u, "x") == 0 && a < 1e4)
		snprintf(buf, len, a >= 100 ? "%.0fx" : a >= 10 ? "%.1fx" : "%.2fx", v);
	else if (a >= 1e9)
		snprintf(buf, len, "%.3gG%s", v / 1e9, u);
	else if (a >= 1e6)
		snprintf(buf, len, "%.3gM%s", v / 1e6, u);
	else if (a >= 1e4)
		snprintf(buf, len, "%.3gk%s", v / 1e3, u);
	else if (a >= 100 || a == 0)
		snprintf(buf, len, "%.0f%s", v, u);
	else
		snprintf(buf, len, "%.3g%s", v, u);
}

static unsigned legend_rows(const struct sw_plot_panel *pn)
{
	return (unsigned)(pn->nser + 3) / 4;
}

static int panel_height(const struct sw_plot_panel *pn)
{
	int plot = (int)pn->ncat * ((int)pn->nser * BAR_H + GROUP_GAP) + GROUP_GAP;

	return P_TITLE + plot + P_BOTTOM + (int)legend_rows(pn) * LEGEND_ROW + 16;
}

static unsigned columns(const struct sw_plot *p)
{
	unsigned c = p->columns ? p->columns : 2;

	return p->npanels < c ? (unsigned)(p->npanels ? p->npanels : 1) : c;
}

/* Height of each row of panels: its tallest panel. */
static int row_height(const struct sw_plot *p, size_t row)
{
	unsigned c = columns(p);
	int h = 0;

	for (size_t i = row * c; i < p->npanels && i < (row + 1) * c; i++)
		if (panel_height(&p->panels[i]) > h)
			h = panel_height(&p->panels[i]);
	return h;
}

void sw_plot_size(const struct sw_plot *p, int *width, int *height)
{
	unsigned c = columns(p);
	size_t rows = (p->npanels + c - 1) / c;

	*width = (int)c * PANEL_W;
	*height = TOP;
	for (size_t r = 0; r < rows; r++)
		*height += row_height(p, r);
}

/* The value axis: [lo, hi] mapped to [x0, x1], linear or log10. */
struct scale {
	bool log;
	double lo, hi;
	double x0, x1;
};

static double scale_x(const struct scale *s, double v)
{
	double f;

	if (s->log)
		f = (log10(v) - log10(s->lo)) / (log10(s->hi) - log10(s->lo));
	else
		f = (v - s->lo) / (s->hi - s->lo);
	if (f < 0)
		f = 0;
	if (f > 1)
		f = 1;
	return s->x0 + f * (s->x1 - s->x0);
}

static bool usable(const struct sw_plot_panel *pn, double v)
{
	return !isnan(v) && !isinf(v) && (!pn->log || v > 0);
}

static void make_scale(const struct sw_plot_panel *pn, struct scale *s)
{
	double lo = INFINITY, hi = -INFINITY;

	for (size_t i = 0; i < pn->nser; i++)
		for (size_t c = 0; c < pn->ncat; c++) {
			double v = pn->ser[i].v[c];

			if (!usable(pn, v))
				continue;
			lo = v < lo ? v : lo;
			hi = v > hi ? v : hi;
		}
	s->log = pn->log;
	if (isinf(lo)) {
		lo = pn->log ? 1 : 0;
		hi = pn->log ? 10 : 1;
	}
	if (pn->log) {
		s->lo = pow(10, floor(log10(lo)));
		if (s->lo >= lo * 0.999) /* a bar at the axis' start would not show */
			s->lo /= 10;
		s->hi = pow(10, ceil(log10(hi)));
		if (s->hi <= s->lo)
			s->hi = s->lo * 10;
	} else {
		double step = pow(10, floor(log10(hi > 0 ? hi : 1)));

		s->lo = 0;
		s->hi = ceil(hi * 1.02 / step) * step;
		if (s->hi <= 0)
			s->hi = 1;
	}
}

static void set_color(cairo_t *cr, size_t i)
{
	unsigned c = palette[i % NCOLORS];

	cairo_set_source_rgb(cr, (c >> 16) / 255.0, ((c >> 8) & 0xff) / 255.0, (c & 0xff) / 255.0);
}

static void text(cairo_t *cr, double x, double y, double size, bool bold, int align, const char *s)
{
	cairo_text_extents_t ext;

	cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL,
			       bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, size);
	cairo_text_extents(cr, s, &ext);
	/* align: 0 left, 1 centre, 2 right */
	cairo_move_to(cr, x - (align == 1 ? ext.x_advance / 2 : align == 2 ? ext.x_advance : 0), y);
	cairo_show_text(cr, s);
}

/* One tick at v: a vertical grid line of grey line_grey, its label below
 * in grey label_grey at size points. */
static void draw_tick(cairo_t *cr, const struct scale *s, double v, double top, double bottom, double line_grey,
		      double label_grey, double size)
{
	double x = floor(scale_x(s, v)) + 0.5;
	char buf[32];

	cairo_set_source_rgb(cr, line_grey, line_grey, line_grey);
	cairo_move_to(cr, x, top);
	cairo_line_to(cr, x, bottom);
	cairo_stroke(cr);
	cairo_set_source_rgb(cr, label_grey, label_grey, label_grey);
	sw_plot_format(v, NULL, buf, sizeof(buf));
	text(cr, x, bottom + 15, size, false, 1, buf);
}

static void draw_ticks(cairo_t *cr, const struct sw_plot_panel *pn, const struct scale *s, double top,
		       double bottom)
{
	double decades = s->log ? log10(s->hi) - log10(s->lo) : 0;

	cairo_set_line_width(cr, 1);
	for (int i = 0; i <= 10; i++) {
		double v;

		if (s->log) {
			if (i > decades)
				break;
			v = s->lo * pow(10, i);
		} else {
			v = s->lo + (s->hi - s->lo) * i / 5;
			if (i > 5)
				break;
		}
		draw_tick(cr, s, v, top, bottom, 0.88, 0.2, 11);
	}
	/* a log scale spanning one decade gets 2x and 5x ticks too */
	for (int i = 0; s->log && decades <= 2 && i < (int)decades; i++)
		for (int k = 2; k <= 5; k += 3)
			draw_tick(cr, s, s->lo * pow(10, i) * k, top, bottom, 0.93, 0.4, 10);
	(void)pn;
}

static void draw_legend(cairo_t *cr, const struct sw_plot_panel *pn, double x, double y)
{
	for (size_t i = 0; i < pn->nser; i++) {
		double lx = x + (double)(i % 4) * 180, ly = y + (double)(i / 4) * LEGEND_ROW;

		set_color(cr, i);
		cairo_rectangle(cr, lx, ly - 10, 14, 12);
		cairo_fill(cr);
		cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
		text(cr, lx + 20, ly, 12, false, 0, pn->ser[i].name);
	}
}

static void draw_panel(cairo_t *cr, const struct sw_plot_panel *pn, double px, double py)
{
	struct scale s;
	double top = py + P_TITLE, y, bottom;
	char buf[48];

	cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
	text(cr, px + PANEL_W / 2.0, py + 22, 17, true, 1, pn->title);
	if (pn->note) {
		cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
		text(cr, px + PANEL_W / 2.0, py + 40, 12, false, 1, pn->note);
	}
	make_scale(pn, &s);
	s.x0 = px + P_LEFT;
	s.x1 = px + PANEL_W - P_RIGHT;
	bottom = top + (double)pn->ncat * ((double)pn->nser * BAR_H + GROUP_GAP) + GROUP_GAP;
	draw_ticks(cr, pn, &s, top, bottom);
	y = top + GROUP_GAP;
	for (size_t c = 0; c < pn->ncat; c++) {
		double gh = (double)pn->nser * BAR_H;

		cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
		text(cr, s.x0 - 8, y + gh / 2 + 4, 12, false, 2, pn->cats[c]);
		for (size_t i = 0; i < pn->nser; i++) {
			double v = pn->ser[i].v[c], by = y + (double)i * BAR_H;

			sw_plot_format(v, pn->unit, buf, sizeof(buf));
			if (!usable(pn, v)) {
				cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
				text(cr, s.x0 + 4, by + BAR_H - 4, 10, false, 0, "n/a");
				continue;
			}
			double x = scale_x(&s, v);

			set_color(cr, i);
			cairo_rectangle(cr, s.x0, by + 1, x - s.x0 < 1 ? 1 : x - s.x0, BAR_H - 2);
			cairo_fill(cr);
			cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
			text(cr, x + 4, by + BAR_H - 4, 10.5, false, 0, buf);
		}
		y += gh + GROUP_GAP;
	}
	/* axes */
	cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
	cairo_set_line_width(cr, 1.2);
	cairo_move_to(cr, s.x0, top);
	cairo_line_to(cr, s.x0, bottom);
	cairo_line_to(cr, s.x1, bottom);
	cairo_stroke(cr);
	cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
	text(cr, (s.x0 + s.x1) / 2, bottom + 36, 13, false, 1, pn->axis);
	draw_legend(cr, pn, s.x0, bottom + 36 + LEGEND_ROW);
}

static void draw_chart(cairo_t *cr, const struct sw_plot *p, int width, int height)
{
	unsigned c = columns(p);
	double y = TOP;

	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_rectangle(cr, 0, 0, width, height);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0.05, 0.05, 0.05);
	text(cr, width / 2.0, 32, 22, true, 1, p->title);
	if (p->subtitle) {
		cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
		text(cr, width / 2.0, 56, 13, false, 1, p->subtitle);
	}
	for (size_t row = 0; row * c < p->npanels; row++) {
		for (size_t i = row * c; i < p->npanels && i < (row + 1) * c; i++)
			draw_panel(cr, &p->panels[i], (double)(i - row * c) * PANEL_W, y);
		y += row_height(p, row);
	}
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

int sw_plot_write(const char *path, const struct sw_plot *p, struct sw_err *err)
{
	cairo_surface_t *surface;
	cairo_status_t st;
	cairo_t *cr;
	bool png = ends_with(path, ".png");
	int w, h;

	if (!png && !ends_with(path, ".svg"))
		return sw_err_set(err, "cannot tell the image format of %s: name it .png or .svg", path);
	sw_plot_size(p, &w, &h);
	surface = png ? cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h)
		      : cairo_svg_surface_create(path, w, h);
	cr = cairo_create(surface);
	draw_chart(cr, p, w, h);
	st = cairo_status(cr);
	cairo_destroy(cr);
	if (st == CAIRO_STATUS_SUCCESS && png)
		st = cairo_surface_write_to_png(surface, path);
	cairo_surface_finish(surface);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(surface);
	cairo_surface_destroy(surface);
	/* give back the font caches cairo and fontconfig keep for the process */
	cairo_debug_reset_static_data();
	FcFini();
	if (st != CAIRO_STATUS_SUCCESS)
		return sw_err_set(err, "cannot write %s: %s", path, cairo_status_to_string(st));
	return 0;
}
