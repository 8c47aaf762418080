import BekalCore
import CXlsxWriter
import Foundation

/// An xlsx file being written through libxlsxwriter. The one place that owns the C workbook.
///
/// Nothing reaches the disk until ``close()``: a workbook that fails half-way (or is dropped
/// without closing) leaves no partial file behind. Every libxlsxwriter result code passes
/// through ``validate(_:_:)`` and becomes an ``ExportError``.
///
/// In constant-memory mode (the default) each sheet keeps only the current row in memory and
/// rows must be written top to bottom; strings are then stored inline in the sheet instead of
/// in the shared-string table.
///
/// ## Topics
/// - ``init(path:options:)``, ``addWorksheet(_:)``, ``format(_:)``, ``addColumnChart()``, ``close()``
public final class Workbook {
    public struct Options: Sendable {
        /// Stream rows to a temporary file instead of holding the sheet in memory.
        public var constantMemory: Bool
        /// Where libxlsxwriter puts its temporary files (nil: the system's).
        public var temporaryDirectory: String?
        /// ZIP64, needed only for files past 4 GiB.
        public var useZip64: Bool

        public init(constantMemory: Bool = true, temporaryDirectory: String? = nil, useZip64: Bool = false) {
            self.constantMemory = constantMemory
            self.temporaryDirectory = temporaryDirectory
            self.useZip64 = useZip64
        }
    }

    /// The file being written, as given.
    public let path: String
    public let options: Options
    private var handle: UnsafeMutablePointer<lxw_workbook>?
    private var formats: [CellStyle: Format] = [:]
    private var sheetNames: Set<String> = []
    /// C strings handed to libxlsxwriter that it may keep pointing at until the file is written.
    private var retainedCStrings: [UnsafeMutablePointer<CChar>] = []

    /// Opens a workbook to be written at `path`. Checks first that the folder exists and can be
    /// written, so an export of a million rows does not fail only at the end.
    public init(path: String, options: Options = Options()) throws(ExportError) {
        self.path = path
        self.options = options
        try Workbook.checkWritable(path)
        let fileName = strdup(path)!
        retainedCStrings.append(fileName)
        var cOptions = lxw_workbook_options()
        cOptions.constant_memory = options.constantMemory ? 1 : 0
        cOptions.use_zip64 = options.useZip64 ? 1 : 0
        if let directory = options.temporaryDirectory {
            let cDirectory = strdup(directory)!
            retainedCStrings.append(cDirectory)
            cOptions.tmpdir = cDirectory
        }
        guard let handle = workbook_new_opt(fileName, &cOptions) else {
            throw ExportError(action: "creating the workbook", file: path,
                              reason: .library(code: Int32(LXW_ERROR_MEMORY_MALLOC_FAILED.rawValue),
                                               description: "libxlsxwriter could not allocate the workbook"))
        }
        self.handle = handle
    }

    deinit {
        // A workbook dropped without close() (an error half-way) is freed, not written.
        if let handle { lxw_workbook_free(handle) }
        for pointer in retainedCStrings { free(pointer) }
    }

    public var isOpen: Bool { handle != nil }

    /// The gate for every libxlsxwriter result code.
    func validate(_ result: lxw_error, _ action: @autoclosure () -> String) throws(ExportError) {
        guard result != LXW_NO_ERROR else { return }
        throw ExportError(action: action(), file: path, reason: .library(
            code: Int32(truncatingIfNeeded: result.rawValue), description: String(cString: lxw_strerror(result))))
    }

    func openHandle(_ action: @autoclosure () -> String) throws(ExportError) -> UnsafeMutablePointer<lxw_workbook> {
        guard let handle else { throw ExportError(action: action(), file: path, reason: .closed) }
        return handle
    }

    /// A C string that stays valid until the workbook is freed.
    func retainedCString(_ text: String) -> UnsafeMutablePointer<CChar> {
        let pointer = strdup(text)!
        retainedCStrings.append(pointer)
        return pointer
    }

    /// Adds a sheet. Names follow Excel's rules (at most 31 characters, none of `[ ] : * ? / \`).
    public func addWorksheet(_ name: String) throws(ExportError) -> Worksheet {
        let action = "adding sheet \"\(name)\""
        let handle = try openHandle(action)
        let cName = retainedCString(name)
        try validate(workbook_validate_sheet_name(handle, cName), action)
        guard let sheet = workbook_add_worksheet(handle, cName) else {
            throw ExportError(action: action, file: path, reason: .library(
                code: Int32(LXW_ERROR_PARAMETER_VALIDATION.rawValue), description: "libxlsxwriter refused the sheet"))
        }
        sheetNames.insert(name)
        return Worksheet(workbook: self, handle: sheet, name: name)
    }

    /// The format for a style, created once per workbook and reused.
    public func format(_ style: CellStyle) throws(ExportError) -> Format {
        if let existing = formats[style] { return existing }
        let handle = try openHandle("adding a cell format")
        guard let pointer = workbook_add_format(handle) else {
            throw ExportError(action: "adding a cell format", file: path, reason: .library(
                code: Int32(LXW_ERROR_MEMORY_MALLOC_FAILED.rawValue), description: "libxlsxwriter could not allocate the format"))
        }
        style.apply(to: pointer)
        let format = Format(pointer: pointer, style: style)
        formats[style] = format
        return format
    }

    /// Adds a column chart; place it on a sheet with ``Worksheet/insert(_:row:column:)``.
    public func addColumnChart() throws(ExportError) -> ColumnChart {
        let handle = try openHandle("adding a chart")
        guard let chart = workbook_add_chart(handle, UInt8(LXW_CHART_COLUMN.rawValue)) else {
            throw ExportError(action: "adding a chart", file: path, reason: .library(
                code: Int32(LXW_ERROR_MEMORY_MALLOC_FAILED.rawValue), description: "libxlsxwriter could not allocate the chart"))
        }
        return ColumnChart(workbook: self, handle: chart)
    }

    /// Writes the file. The workbook cannot be used afterwards, whether this succeeds or not.
    public func close() throws(ExportError) {
        let handle = try openHandle("closing the workbook")
        self.handle = nil
        let result = workbook_close(handle)
        if result == LXW_ERROR_CREATING_XLSX_FILE {
            let reason = String(cString: strerror(errno))
            throw ExportError(action: "creating the file", file: path, reason: .outputNotWritable(detail: reason))
        }
        try validate(result, "writing the file")
    }

    private static func checkWritable(_ path: String) throws(ExportError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let files = FileManager.default
        var isFolder: ObjCBool = false
        if files.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw ExportError(action: "checking the output path", file: path,
                              reason: .outputNotWritable(detail: "it is a folder, not a file"))
        }
        guard files.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw ExportError(action: "checking the output path", file: path,
                              reason: .outputNotWritable(detail: "the folder \(folder) does not exist"))
        }
        guard files.isWritableFile(atPath: folder) else {
            throw ExportError(action: "checking the output path", file: path,
                              reason: .outputNotWritable(detail: "the folder \(folder) cannot be written"))
        }
        if files.fileExists(atPath: path), !files.isWritableFile(atPath: path) {
            throw ExportError(action: "checking the output path", file: path,
                              reason: .outputNotWritable(detail: "the existing file cannot be overwritten"))
        }
    }
}
