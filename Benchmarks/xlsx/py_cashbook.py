"""The same cash book as bekal-xlsx-bench, written by Python XlsxWriter in constant-memory mode.

    pip install XlsxWriter
    python3 py_cashbook.py OUT.xlsx [ROWS]
"""
import sys

import xlsxwriter


def main() -> None:
    out = sys.argv[1]
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    wb = xlsxwriter.Workbook(out, {"constant_memory": True})
    ws = wb.add_worksheet("Buku Kas")
    title = wb.add_format({"bold": True, "font_size": 14})
    heading = wb.add_format({"italic": True})
    header = wb.add_format({"bold": True, "border": 1, "text_wrap": True, "align": "center",
                            "valign": "top", "pattern": 1, "bg_color": "#D9E1F2"})
    text = wb.add_format({"valign": "top"})
    rupiah = wb.add_format({"num_format": '"Rp"#,##0', "valign": "top"})
    date = wb.add_format({"num_format": "[$-421]dd mmm yyyy", "valign": "top"})
    ftext = wb.add_format({"bold": True, "border": 1})
    frupiah = wb.add_format({"bold": True, "border": 1, "num_format": '"Rp"#,##0'})

    ws.merge_range(0, 0, 0, 5, "Buku Kas Umum Tahun Anggaran 2026", title)
    ws.merge_range(1, 0, 1, 5, "Dinas Sosial Kota Contoh", heading)
    ws.merge_range(2, 0, 2, 5, "Program Rehabilitasi Sosial", heading)
    ws.merge_range(3, 0, 3, 5, "Diekspor 25 Nov 2026", heading)
    head = 5
    for c, name in enumerate(["Tanggal", "No. BKU", "Uraian", "Penerimaan", "Pengeluaran", "Saldo"]):
        ws.write_string(head, c, name, header)
    ws.freeze_panes(head + 1, 0)

    balance = receipts = payments = 0
    write_number, write_string = ws.write_number, ws.write_string
    for i in range(rows):
        r = head + 1 + i
        write_number(r, 0, 46023 + i // 2800, date)
        write_string(r, 1, "BKU-%07d" % (i + 1), text)
        if i % 10 == 0:
            amount = 20_000_000
            write_string(r, 2, "Penerimaan dana APBD tahap %d" % (i // 10 + 1), text)
            write_number(r, 3, amount, rupiah)
            balance += amount
            receipts += amount
        else:
            amount = 1_500_000 + (i % 7) * 25_000
            write_string(r, 2, "Modal kerja binaan no. %d" % (i + 1), text)
            write_number(r, 4, amount, rupiah)
            balance -= amount
            payments += amount
        write_number(r, 5, balance, rupiah)
    last = head + rows
    footer = last + 1
    ws.write_string(footer, 0, "Jumlah", ftext)
    ws.write_blank(footer, 1, None, ftext)
    ws.write_blank(footer, 2, None, ftext)
    ws.write_formula(footer, 3, "=SUM(D%d:D%d)" % (head + 2, last + 1), frupiah, receipts)
    ws.write_formula(footer, 4, "=SUM(E%d:E%d)" % (head + 2, last + 1), frupiah, payments)
    ws.write_number(footer, 5, balance, frupiah)
    for c, width in enumerate([13, 13, 35, 21, 21, 19]):
        ws.set_column(c, c, width)
    # Python XlsxWriter checks only the column range here, so the whole range can be set last.
    ws.autofilter(head, 0, last, 5)
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(head)
    wb.close()


if __name__ == "__main__":
    main()
