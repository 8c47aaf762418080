import BekalCore
import Foundation
import Hummingbird

/// The pendamping's pages offline (issue 17), as a progressive enhancement of her pages: every
/// page still works without JavaScript, online.
///
/// - `/luring`: the page she works on without signal. Its HTML carries no one's data (the
///   service worker keeps it): `bekal-luring.js` fills it from what the phone keeps.
/// - `/luring/data` (JSON): her own caseload, the minimum to find each woman and fill a visit
///   (``PhoneCaseload``): no NIK, no outcome, no note of an earlier visit.
/// - `/luring/kirim` (JSON, token in the `X-Bekal-Token` header): the visits and outcomes she
///   queued, each with the key the phone made; one answer per item, recorded exactly once
///   (``Operations/receiveFromPhone(_:context:)``).
/// - `/sw.js` and `/manifest.webmanifest` (``addStaticRoutes(to:)``): installable, the shell cached.
///
/// Only a pendamping has a phone queue: the admin records visits on the ordinary form.
extension WebApp {
    /// Items taken in one request; the phone sends a longer queue in parts.
    static let phoneBatchLimit = 100
    /// How long the phone keeps her caseload after it was downloaded, signal or not.
    static let phoneKeepDays = 7
    static let phoneDataPath = "/luring/data"
    static let phoneSendPath = "/luring/kirim"

    /// The addresses the phone's script calls, which answer JSON, their refusals included.
    static func answersJSON(_ path: String) -> Bool { path == phoneDataPath || path == phoneSendPath }

    func addPhoneRoutes(_ visits: RouterGroup<CaseloadContext<RecordVisits>>) {
        visits.get("/luring") { _, context in
            _ = try phoneWorker(context)
            return views.page("luring", title: "Kerja tanpa sinyal", context: context, data: phoneShellData())
        }
        visits.get(RouterPath(Self.phoneDataPath)) { _, context in
            let worker = try phoneWorker(context)
            let caseload = try operations.caseload(worker: worker.code, asOf: try today(), context: self.context(context.user))
            let phone = PhoneCaseload(caseload, user: context.user, token: context.csrf, downloadedAt: configuration.clock(),
                                      keepDays: Self.phoneKeepDays)
            return try Self.json(phone)
        }
        visits.post(RouterPath(Self.phoneSendPath)) { _, context in
            let worker = try phoneWorker(context)
            let sent = try Self.phoneBatch(context.json)
            return try Self.json(PhoneAnswers(answers: try receive(sent, worker: worker, user: context.user)))
        }
    }

    /// Her own worker; the admin, who works on every caseload, has no phone queue.
    func phoneWorker(_ context: CaseloadContext<RecordVisits>) throws -> AftercareWorker {
        guard case .worker(let worker) = context.caseload else { throw WebDenial.forbidden }
        return worker
    }

    /// Each item parsed as its form would be (the same fields, the same refusals at the same
    /// fields), then recorded by the core in its own transaction.
    func receive(_ sent: PhoneBatch, worker: AftercareWorker, user: AppUser) throws -> [PhoneAnswers.Answer] {
        var answers = [PhoneAnswers.Answer?](repeating: nil, count: sent.items.count)
        var items: [PhoneItem] = [], positions: [Int] = []
        for (index, item) in sent.items.enumerated() {
            let form = FormData(item.fields)
            do {
                let payload: PhoneItem.Payload = switch item.kind {
                case .visit: .visit(try Self.visitRequest(form, worker: worker.code))
                case .outcome: .outcome(try Self.outcomeRequest(form))
                }
                items.append(PhoneItem(key: item.key, payload: payload))
                positions.append(index)
            } catch let refused as FieldRefusal {
                answers[index] = .refused(item.key, refused.refusal)
            } catch let error as any BekalFailure {
                answers[index] = .refused(item.key, Refusal.phoneItem(error))
            }
        }
        for (position, answer) in zip(positions, try operations.receiveFromPhone(items, context: context(user))) {
            answers[position] = switch answer {
            case .recorded(let key, _, _, let replayed): .recorded(key, replayed: replayed)
            case .refused(let key, let failure): .refused(key, Refusal.phoneItem(failure))
            }
        }
        return answers.compactMap { $0 }
    }

    static func phoneBatch(_ body: ByteBuffer?) throws -> PhoneBatch {
        guard let body, let batch = try? JSONDecoder().decode(PhoneBatch.self, from: Data(buffer: body)) else {
            throw PhoneRequestError.unreadable
        }
        guard batch.items.count <= phoneBatchLimit else { throw PhoneRequestError.tooMany(batch.items.count) }
        return batch
    }

    /// The page's choices, the same as the ordinary forms'; the people come from the phone.
    func phoneShellData() -> [String: Any] {
        let state = FormState()
        return [
            "keepDays": Self.phoneKeepDays,
            "contact": state.checks("contact", AftercareLabels.choices(ContactMode.self, \.label)),
            "whereabouts": state.options("whereabouts", AftercareLabels.choices(Whereabouts.self, \.label), blank: "— tidak dicatat —"),
            "businessStatus": state.options("businessStatus", AftercareLabels.choices(BusinessStatus.self, \.label), blank: "— tidak dicatat —"),
            "support": state.checks("support", AftercareLabels.choices(SupportKind.self, \.label)),
            "grantUse": state.options("grantUse", AftercareLabels.choices(GrantUse.self, \.label), blank: "— belum diketahui —"),
            "needKinds": state.checks("needKinds", NeedKind.allCases.map { ($0.rawValue, $0.label) }),
            "conditions": AftercareLabels.choices(EquipmentCondition.self, \.label).map { ["value": $0.value, "label": $0.label] },
            "returned": state.checks("returned", AftercareLabels.choices(ReturnedToSexWork.self, AftercareLabels.returned)),
            "source": state.options("source", AftercareLabels.choices(OutcomeSource.self, \.label), blank: "— pilih —"),
            "reasons": state.checks("reasons", ReturnReason.allCases.map { ($0.rawValue, $0.label) }),
            "protective": state.checks("protective", ProtectiveFactor.allCases.map { ($0.rawValue, $0.label) }),
        ]
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(data: try encoder.encode(value))))
    }
}

/// What the phone sends: items in the order she saved them, each with its form's fields.
struct PhoneBatch: Decodable {
    struct Item: Decodable {
        let key: String
        let kind: PhoneItem.Kind
        let fields: [String: [String]]
    }

    let items: [Item]
}

/// One answer per item, in the order sent.
struct PhoneAnswers: Encodable {
    struct Answer: Encodable {
        let key: String
        let status: String
        let replayed: Bool?
        /// Why it was refused, in Bahasa Indonesia, and the field to correct.
        let message: String?
        let field: String?

        static func recorded(_ key: String, replayed: Bool) -> Answer {
            Answer(key: key, status: "recorded", replayed: replayed, message: nil, field: nil)
        }

        static func refused(_ key: String, _ refusal: Refusal) -> Answer {
            Answer(key: key, status: "refused", replayed: nil, message: refusal.message, field: refusal.field)
        }
    }

    let answers: [Answer]
}

/// What the phone's script is told when a request stops before its handler or fails: a
/// session that ended (sign in again; what she queued stays on the phone), a stale token
/// (fetch the caseload again for the new one), a role without a phone queue, a body it would
/// not send. Her pages' error pages, as JSON.
struct PhoneDenial: Encodable {
    let problem: String
    let message: String

    static func response(for error: any Error) throws -> Response {
        let (status, denial): (HTTPResponse.Status, PhoneDenial) = switch error {
        case WebDenial.signInFirst, WebDenial.sessionEnded:
            (.unauthorized, PhoneDenial(problem: "session", message: "Sesi Anda sudah berakhir. Masuk lagi untuk mengirim; isian Anda tetap tersimpan di ponsel."))
        case WebDenial.badForm:
            (.forbidden, PhoneDenial(problem: "token", message: "Kode sesi di ponsel sudah lama; ponsel mengambil yang baru lalu mengirim lagi."))
        case WebDenial.forbidden, AccessRejection.notPermitted:
            (.forbidden, PhoneDenial(problem: "role", message: "Antrean ponsel hanya untuk pendamping; catat kunjungan lewat formulir biasa."))
        case let error as PhoneRequestError:
            (.badRequest, PhoneDenial(problem: "body", message: error.message))
        case let error as any HTTPResponseError where error.status == .contentTooLarge:
            (.contentTooLarge, PhoneDenial(problem: "body", message: "Kiriman terlalu besar; ponsel mengirimnya dalam bagian yang lebih kecil."))
        default:
            (.internalServerError, PhoneDenial(problem: "server", message: "Kantor tidak dapat menerima kiriman sekarang; tidak ada yang dicatat. "
                + "Isian tetap di ponsel dan dikirim lagi nanti."))
        }
        return try WebApp.json(denial, status: status)
    }
}

/// A body the phone's page would not send: refused whole, nothing written.
enum PhoneRequestError: Error {
    case unreadable
    case tooMany(Int)

    var message: String {
        switch self {
        case .unreadable:
            "Kiriman dari ponsel tidak dapat dibaca; tidak ada yang dicatat. Muat ulang halaman Kerja tanpa sinyal, lalu kirim lagi."
        case .tooMany(let count):
            "Kiriman berisi \(count) isian; paling banyak \(WebApp.phoneBatchLimit) sekali kirim. Tidak ada yang dicatat."
        }
    }
}

/// Her caseload as the phone keeps it: who is in it and when each is due, her kelompok with
/// their members and equipment, the usaha. Nothing else: no NIK, no address, no outcome, no
/// note of an earlier visit, and nobody outside her caseload or whose case is closed.
struct PhoneCaseload: Encodable {
    struct Person: Encodable {
        let code: String
        let name: String
        let kelompok: String?
        let due: String?
        let overdueDays: Int?
    }

    struct Item: Encodable {
        let code: String
        let name: String
    }

    struct Group: Encodable {
        let code: String
        let name: String
        let members: [String]
        let equipment: [Item]
    }

    struct Business: Encodable {
        let code: String
        let name: String
        let owner: String
    }

    let username: String
    let worker: Item
    let today: String
    let downloadedAt: String
    /// The phone wipes it after this moment, signal or not.
    let keepUntil: String
    /// Her session's form token, for the queue's header; it ends with her session.
    let token: String
    let people: [Person]
    let kelompok: [Group]
    let usaha: [Business]

    init(_ caseload: Caseload, user: AppUser, token: String, downloadedAt: Date, keepDays: Int) {
        let iso = ISO8601DateFormatter()
        username = user.username
        worker = Item(code: caseload.worker.code, name: caseload.worker.name)
        today = caseload.asOf.description
        self.downloadedAt = iso.string(from: downloadedAt)
        keepUntil = iso.string(from: downloadedAt.addingTimeInterval(Double(keepDays) * 86_400))
        self.token = token
        people = caseload.openByDue.map { Person(code: $0.code, name: $0.name, kelompok: $0.kelompok, due: $0.nextDue?.description, overdueDays: $0.daysOverdue) }
        kelompok = caseload.kelompok.map { group in
            Group(code: group.code, name: group.name, members: group.members, equipment: group.equipment.map { Item(code: $0.code, name: $0.name) })
        }
        usaha = caseload.usaha.map { Business(code: $0.code, name: $0.brand ?? $0.product, owner: $0.owner) }
    }
}
