import BekalCore
import Foundation
import HTTPTypes
import Hummingbird

/// `/usaha/baru`: the admin records a small business (*usaha*) owned by one graduate or by one
/// kelompok, as `bekal usaha add` does; the core opens its book. The brand may be left blank,
/// but is not set later here: a usaha's row is sealed and the core has no operation for it yet.
/// `/usaha/{code}` (the partner's page) is a different route; this constant path wins over it.
extension WebApp {
    static let usahaFields: Set<String> = ["owner", "ownerBeneficiary", "ownerKelompok", "product", "brand", "location", "kelurahan"]

    func addUsahaFormRoutes(to doors: Doors) {
        let admin = doors.permitted(Administer.self)
        admin.get("/usaha/baru") { request, context in
            var values: [String: String] = [:]
            if let kelompok = request.uri.queryParameters.get("kelompok"), !kelompok.isEmpty { values["ownerKelompok"] = kelompok }
            return try usahaFormPage(MoneyForm(fields: Self.usahaFields, values: values), context: context)
        }
        admin.post("/usaha/baru") { _, context in
            var form = MoneyForm(fields: Self.usahaFields, form: context.form)
            form.aliases = ["beneficiary": "ownerBeneficiary", "kelompok": "ownerKelompok"]
            // The core's own refusals, said at once with the others: one owner, and a product.
            if (form["ownerBeneficiary"] == nil) == (form["ownerKelompok"] == nil) { form.refuse(ProgrammeRejection.invalidUsahaOwner) }
            if form["product"] == nil { form.refuse(InputError(.product, input: "", .empty)) }
            guard form.isValid else { return try usahaFormPage(form, context: context, status: .unprocessableContent) }
            let draft = UsahaDraft(ownerBeneficiary: form["ownerBeneficiary"], ownerKelompok: form["ownerKelompok"], product: form["product"] ?? "",
                                   brand: form["brand"], location: form["location"], kelurahan: form["kelurahan"])
            do {
                let usaha = try operations.addUsaha(draft, context: self.context(context.user))
                context.setFlash("Usaha \(usaha.code) (\(usaha.product)) dicatat, dengan bukunya sendiri.")
                return Response.seeOther("/usaha/baru")
            } catch let failure as any BekalFailure {
                form.refuse(failure)
                return try usahaFormPage(form, context: context, status: .unprocessableContent)
            }
        }
    }

    private func usahaFormPage(_ form: MoneyForm, context: some PageContext, status: HTTPResponse.Status = .ok) throws -> Response {
        let kelompoks = try operations.store.read { tx in try tx.kelompoks() }
        var data = form.data
        data["kelompok"] = MoneyForm.options(kelompoks.map { ($0.code, "\($0.name) · \($0.code)") }, selected: form["ownerKelompok"]?.uppercased())
        return views.page("usaha-baru", title: "Catat usaha baru", context: context, data: data, status: status)
    }
}
