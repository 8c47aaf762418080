import CLibPQ
#if canImport(Glibc)
import Glibc
#endif

/// libpq's functions, loaded from `libpq.so.5` the first time a connection is opened.
///
/// `bekal` is not linked against libpq: linking it made every command load libpq and the
/// dozen libraries it needs (TLS, Kerberos, LDAP …) at start, 5.8 → 10.4 ms for `bekal --help`
/// (BENCHMARKS.md, startup). Only a command given a PostgreSQL database loads it. The types
/// and constants come from Debian's header (`CLibPQ`), the functions from the library by name.
struct LibPQ {
    typealias Conn = OpaquePointer
    typealias Result = OpaquePointer

    let connectdb: @convention(c) (UnsafePointer<CChar>?) -> Conn?
    let status: @convention(c) (Conn?) -> ConnStatusType
    let errorMessage: @convention(c) (Conn?) -> UnsafeMutablePointer<CChar>  // never NULL, per libpq
    let finish: @convention(c) (Conn?) -> Void
    let backendPID: @convention(c) (Conn?) -> Int32
    let transactionStatus: @convention(c) (Conn?) -> PGTransactionStatusType
    let exec: @convention(c) (Conn?, UnsafePointer<CChar>?) -> Result?
    let prepare: @convention(c) (Conn?, UnsafePointer<CChar>?, UnsafePointer<CChar>?, Int32, UnsafePointer<Oid>?) -> Result?
    let execPrepared: @convention(c) (Conn?, UnsafePointer<CChar>?, Int32, UnsafePointer<UnsafePointer<CChar>?>?,
                                      UnsafePointer<Int32>?, UnsafePointer<Int32>?, Int32) -> Result?
    let clear: @convention(c) (Result?) -> Void
    let resultStatus: @convention(c) (Result?) -> ExecStatusType
    let resultErrorField: @convention(c) (Result?, Int32) -> UnsafeMutablePointer<CChar>?
    let resultErrorMessage: @convention(c) (Result?) -> UnsafeMutablePointer<CChar>  // "" when none
    let ntuples: @convention(c) (Result?) -> Int32
    let nfields: @convention(c) (Result?) -> Int32
    let cmdTuples: @convention(c) (Result?) -> UnsafeMutablePointer<CChar>  // "" for a query
    let getisnull: @convention(c) (Result?, Int32, Int32) -> Int32
    let getvalue: @convention(c) (Result?, Int32, Int32) -> UnsafeMutablePointer<CChar>  // "" for NULL
    let fnumber: @convention(c) (Result?, UnsafePointer<CChar>?) -> Int32

    /// Loaded once per process; the failure, if the library is missing, is kept and said again.
    static let loaded: Swift.Result<LibPQ, PGError> = Swift.Result { try LibPQ() }.mapError { $0 as? PGError ?? PGError(sqlState: "", message: "\($0)") }

    /// The functions; a connection exists only once they were loaded.
    static var api: LibPQ {
        guard case .success(let api) = loaded else { preconditionFailure("libpq used before a connection was opened") }
        return api
    }

    private init() throws {
        guard let handle = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL) else {
            throw PGError(sqlState: "", message: "libpq, PostgreSQL's client library, is not installed (\(String(cString: dlerror()))); "
                + "install it with `apt-get install -y libpq5`")
        }
        func function<F>(_ name: String) throws -> F {
            guard let symbol = dlsym(handle, name) else {
                throw PGError(sqlState: "", message: "libpq.so.5 has no \(name); install PostgreSQL 10 or later's libpq5")
            }
            return unsafeBitCast(symbol, to: F.self)
        }
        connectdb = try function("PQconnectdb")
        status = try function("PQstatus")
        errorMessage = try function("PQerrorMessage")
        finish = try function("PQfinish")
        backendPID = try function("PQbackendPID")
        transactionStatus = try function("PQtransactionStatus")
        exec = try function("PQexec")
        prepare = try function("PQprepare")
        execPrepared = try function("PQexecPrepared")
        clear = try function("PQclear")
        resultStatus = try function("PQresultStatus")
        resultErrorField = try function("PQresultErrorField")
        resultErrorMessage = try function("PQresultErrorMessage")
        ntuples = try function("PQntuples")
        nfields = try function("PQnfields")
        cmdTuples = try function("PQcmdTuples")
        getisnull = try function("PQgetisnull")
        getvalue = try function("PQgetvalue")
        fnumber = try function("PQfnumber")
    }
}
