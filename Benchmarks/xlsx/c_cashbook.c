/*
 * The baseline: the same cash book as bekal-xlsx-bench, written straight through
 * libxlsxwriter in constant-memory mode. Same cells, formats, layout and footer.
 *
 *   cc -O2 -o c_cashbook c_cashbook.c $(pkg-config --cflags --libs xlsxwriter)
 *   ./c_cashbook OUT.xlsx [ROWS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <xlsxwriter.h>

#define CHECK(call) do { lxw_error e_ = (call); if (e_) { fprintf(stderr, "%s: %s\n", #call, lxw_strerror(e_)); return 1; } } while (0)

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: %s OUT.xlsx [ROWS]\n", argv[0]); return 2; }
    long rows = argc > 2 ? atol(argv[2]) : 1000000;
    lxw_workbook_options options = { .constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_FALSE };
    lxw_workbook *wb = workbook_new_opt(argv[1], &options);
    if (!wb) return 1;
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Buku Kas");

    lxw_format *title = workbook_add_format(wb); format_set_bold(title); format_set_font_size(title, 14);
    lxw_format *heading = workbook_add_format(wb); format_set_italic(heading);
    lxw_format *header = workbook_add_format(wb);
    format_set_bold(header); format_set_border(header, LXW_BORDER_THIN); format_set_text_wrap(header);
    format_set_align(header, LXW_ALIGN_CENTER); format_set_align(header, LXW_ALIGN_VERTICAL_TOP);
    format_set_pattern(header, LXW_PATTERN_SOLID); format_set_bg_color(header, 0xD9E1F2);
    lxw_format *text = workbook_add_format(wb); format_set_align(text, LXW_ALIGN_VERTICAL_TOP);
    lxw_format *rupiah = workbook_add_format(wb); format_set_num_format(rupiah, "\"Rp\"#,##0"); format_set_align(rupiah, LXW_ALIGN_VERTICAL_TOP);
    lxw_format *date = workbook_add_format(wb); format_set_num_format(date, "[$-421]dd mmm yyyy"); format_set_align(date, LXW_ALIGN_VERTICAL_TOP);
    lxw_format *ftext = workbook_add_format(wb); format_set_bold(ftext); format_set_border(ftext, LXW_BORDER_THIN);
    lxw_format *frupiah = workbook_add_format(wb); format_set_bold(frupiah); format_set_border(frupiah, LXW_BORDER_THIN);
    format_set_num_format(frupiah, "\"Rp\"#,##0");

    CHECK(worksheet_merge_range(ws, 0, 0, 0, 5, "Buku Kas Umum Tahun Anggaran 2026", title));
    CHECK(worksheet_merge_range(ws, 1, 0, 1, 5, "Dinas Sosial Kota Contoh", heading));
    CHECK(worksheet_merge_range(ws, 2, 0, 2, 5, "Program Rehabilitasi Sosial", heading));
    CHECK(worksheet_merge_range(ws, 3, 0, 3, 5, "Diekspor 25 Nov 2026", heading));
    const lxw_row_t head = 5;
    const char *titles[] = { "Tanggal", "No. BKU", "Uraian", "Penerimaan", "Pengeluaran", "Saldo" };
    for (int c = 0; c < 6; c++) CHECK(worksheet_write_string(ws, head, c, titles[c], header));
    worksheet_freeze_panes(ws, head + 1, 0);
    CHECK(worksheet_autofilter(ws, head, 0, head, 5));

    char buffer[64];
    long long balance = 0, receipts = 0, payments = 0;
    for (long i = 0; i < rows; i++) {
        lxw_row_t r = head + 1 + (lxw_row_t)i;
        CHECK(worksheet_write_number(ws, r, 0, 46023 + i / 2800, date));
        snprintf(buffer, sizeof buffer, "BKU-%07ld", i + 1);
        CHECK(worksheet_write_string(ws, r, 1, buffer, text));
        if (i % 10 == 0) {
            long long amount = 20000000;
            snprintf(buffer, sizeof buffer, "Penerimaan dana APBD tahap %ld", i / 10 + 1);
            CHECK(worksheet_write_string(ws, r, 2, buffer, text));
            CHECK(worksheet_write_number(ws, r, 3, (double)amount, rupiah));
            balance += amount; receipts += amount;
        } else {
            long long amount = 1500000 + (i % 7) * 25000;
            snprintf(buffer, sizeof buffer, "Modal kerja binaan no. %ld", i + 1);
            CHECK(worksheet_write_string(ws, r, 2, buffer, text));
            CHECK(worksheet_write_number(ws, r, 4, (double)amount, rupiah));
            balance -= amount; payments += amount;
        }
        CHECK(worksheet_write_number(ws, r, 5, (double)balance, rupiah));
    }
    lxw_row_t last = head + (lxw_row_t)rows, footer = last + 1;
    char formula[64];
    CHECK(worksheet_write_string(ws, footer, 0, "Jumlah", ftext));
    CHECK(worksheet_write_blank(ws, footer, 1, ftext));
    CHECK(worksheet_write_blank(ws, footer, 2, ftext));
    snprintf(formula, sizeof formula, "=SUM(D%u:D%u)", head + 2, last + 1);
    CHECK(worksheet_write_formula_num(ws, footer, 3, formula, frupiah, (double)receipts));
    snprintf(formula, sizeof formula, "=SUM(E%u:E%u)", head + 2, last + 1);
    CHECK(worksheet_write_formula_num(ws, footer, 4, formula, frupiah, (double)payments));
    CHECK(worksheet_write_number(ws, footer, 5, (double)balance, frupiah));

    double widths[] = { 13, 13, 35, 21, 21, 19 }; /* as the Swift renderer measures them */
    for (int c = 0; c < 6; c++) CHECK(worksheet_set_column(ws, c, c, widths[c], NULL));
    ws->autofilter.last_row = last;
    worksheet_set_paper(ws, 9);
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    CHECK(worksheet_repeat_rows(ws, head, head));
    CHECK(workbook_close(wb));
    return 0;
}
