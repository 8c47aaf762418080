// bekal-stress: posts grants in bulk, one write transaction per grant, printing each
// committed entry id on stdout. The crash test kills it with SIGKILL at random moments and
// checks that the books hold exactly the grants that committed.
//
// Usage: bekal-stress DATABASE [COUNT]
import BekalCore
import BekalStore
import Foundation

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: bekal-stress DATABASE [COUNT]\n".utf8))
    exit(2)
}
let limit = arguments.count >= 3 ? Int(arguments[2]) ?? Int.max : Int.max

do {
    let store = try SQLiteStore(path: arguments[1])
    let context = OperationContext(actor: "stress")
    for _ in 0..<limit {
        // A new graduate and her grant in one transaction: either both exist or neither.
        let entry = try store.write { tx -> JournalEntry in
            let person = try Operations.addBeneficiary(BeneficiaryDraft(name: "Uji beban"), in: tx)
            _ = try Operations.enrol(EnrolmentRequest(beneficiary: person.code, cohort: "STRESS", track: "uji", status: .completed), in: tx)
            return try Operations.disburseGrant(GrantRequest(beneficiary: person.code, documentRef: "KW-STRESS-\(person.id)"),
                                                context: context, in: tx).entry
        }
        // One write(2) per line, so a kill never leaves half a line behind.
        FileHandle.standardOutput.write(Data("\(entry.id)\n".utf8))
    }
} catch let failure as any BekalFailure {
    FileHandle.standardError.write(Data("bekal-stress: \(failure.message)\n".utf8))
    exit(1)
} catch {
    FileHandle.standardError.write(Data("bekal-stress: \(error)\n".utf8))
    exit(1)
}
