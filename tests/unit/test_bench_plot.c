// SPDX-License-Identifier: GPL-2.0-only
/* Charts: rendered from known data, read back as PNG and SVG. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <cairo/cairo.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench/plot.h"

static const char *const cats[] = { "native", "ptrace", "ebpf-stat", "skipped-one" };
static const double ratio_a[] = { 1.0, 48.5, 1.3, NAN };
static const double ratio_b[] = { 1.0, 12.0, 1.1, NAN };
static const double mem[] = { 1.5, 6.25, 20.0, NAN };

static struct sw_plot_series ser_ratio[] = { { "getppid", ratio_a }, { "dd", ratio_b } };
static struct sw_plot_series ser_mem[] = { { "getppid", mem } };

static struct sw_plot_panel panels[] = {
	{ "Execution time relative to native", "median", "x native (log scale)", "x", true, cats, 4, ser_ratio, 2 },
	{ "Memory", NULL, "peak RSS (MiB)", " MiB", false, cats, 4, ser_mem, 1 },
	{ "Only n/a", NULL, "nothing (log scale)", NULL, true, cats + 3, 1, ser_mem + 0, 0 },
};

static const struct sw_plot chart = { "test chart", "a machine", panels, 3, 2 };

static char *tmp_path(const char *ext)
{
	char *p = malloc(64);

	snprintf(p, 64, "/tmp/test_bench_plot.%d.%s", (int)getpid(), ext);
	return p;
}

static void png_has_expected_size_and_bars(void **state)
{
	char *path = tmp_path("png");
	struct sw_err err = { 0 };
	cairo_surface_t *img;
	int w, h, blue = 0, orange = 0;

	(void)state;
	sw_plot_size(&chart, &w, &h);
	assert_true(w >= 1000 && h >= 400);
	assert_int_equal(sw_plot_write(path, &chart, &err), 0);
	img = cairo_image_surface_create_from_png(path);
	assert_int_equal(cairo_surface_status(img), CAIRO_STATUS_SUCCESS);
	assert_int_equal(cairo_image_surface_get_width(img), w);
	assert_int_equal(cairo_image_surface_get_height(img), h);
	/* the two series' colours (first two of the palette) are there: bars were drawn */
	const unsigned char *data = cairo_image_surface_get_data(img);
	int stride = cairo_image_surface_get_stride(img);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			uint32_t px = *(const uint32_t *)(data + y * stride + x * 4) & 0xffffff;

			blue += px == 0x1f77b4;
			orange += px == 0xff7f0e;
		}
	assert_true(blue > 500);
	assert_true(orange > 200);
	cairo_surface_destroy(img);
	unlink(path);
	free(path);
}

static void svg_is_svg_of_expected_size(void **state)
{
	char *path = tmp_path("svg");
	struct sw_err err = { 0 };
	char buf[4096];
	const char *svg;
	size_t n;
	int w, h, sw = 0, sh = 0;
	FILE *f;

	(void)state;
	sw_plot_size(&chart, &w, &h);
	assert_int_equal(sw_plot_write(path, &chart, &err), 0);
	f = fopen(path, "r");
	assert_non_null(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	assert_true(strncmp(buf, "<?xml", 5) == 0);
	svg = strstr(buf, "<svg");
	assert_non_null(svg);
	assert_non_null(strstr(svg, "width=\""));
	sscanf(strstr(svg, "width=\"") + 7, "%d", &sw);
	sscanf(strstr(svg, "height=\"") + 8, "%d", &sh);
	assert_int_equal(sw, w);
	assert_int_equal(sh, h);
	unlink(path);
	free(path);
}

static void unknown_extension_is_an_error(void **state)
{
	struct sw_err err = { 0 };

	(void)state;
	assert_int_equal(sw_plot_write("/tmp/chart.gif", &chart, &err), -1);
	assert_non_null(strstr(err.msg, ".png or .svg"));
	assert_int_equal(access("/tmp/chart.gif", F_OK), -1);
}

static void unwritable_path_is_an_error(void **state)
{
	struct sw_err err = { 0 };

	(void)state;
	assert_int_equal(sw_plot_write("/nonexistent-dir/chart.png", &chart, &err), -1);
	assert_non_null(strstr(err.msg, "/nonexistent-dir/chart.png"));
}

static void values_are_formatted_for_bars(void **state)
{
	char buf[32];

	(void)state;
	sw_plot_format(48.53, "x", buf, sizeof(buf));
	assert_string_equal(buf, "48.5x");
	sw_plot_format(1.0, "x", buf, sizeof(buf));
	assert_string_equal(buf, "1.00x");
	sw_plot_format(1234567, "/s", buf, sizeof(buf));
	assert_string_equal(buf, "1.23M/s");
	sw_plot_format(45600, NULL, buf, sizeof(buf));
	assert_string_equal(buf, "45.6k");
	sw_plot_format(6.25, " MiB", buf, sizeof(buf));
	assert_string_equal(buf, "6.25 MiB");
	sw_plot_format(NAN, "x", buf, sizeof(buf));
	assert_string_equal(buf, "n/a");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(png_has_expected_size_and_bars),
		cmocka_unit_test(svg_is_svg_of_expected_size),
		cmocka_unit_test(unknown_extension_is_an_error),
		cmocka_unit_test(unwritable_path_is_an_error),
		cmocka_unit_test(values_are_formatted_for_bars),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
