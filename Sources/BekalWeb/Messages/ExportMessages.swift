import BekalCore
import BekalExport

extension Refusal {
    /// ExportError in Bahasa Indonesia: the spreadsheet could not be written. Nothing of it is
    /// kept, and the message names no cell's content.
    static func export(_ e: ExportError) -> Refusal {
        let what: String = switch e.reason {
        case .library(let code, _): "pustaka lembar kerja menolak menulisnya (kode \(code))"
        case .outputNotWritable: "folder keluarannya tidak dapat ditulisi di server"
        case .numberTooLarge(let value): "angka \(value) terlalu besar untuk disimpan tepat di sel lembar kerja"
        case .cellOutOfRange(let row, let column): "sel baris \(row + 1), kolom \(column + 1) di luar batas lembar kerja"
        case .rowAlreadyWritten, .rowWidth, .bodyAfterFooter, .closed: "urutan penulisannya salah (kesalahan program)"
        }
        return Refusal(field: nil, message: "Lembar kerja tidak dapat dibuat: \(what). Tidak ada berkas yang tersimpan; laporkan kepada admin bila berulang.")
    }
}
