@testable import BekalWeb
import Foundation
import Testing

/// Every page template is read from swift-mustache's tokens: were one not (a construct it does
/// not know, or a swift-mustache whose tokens read otherwise), its pages would quietly fall back
/// to the slower path. That the two render the same bytes is checked on every page the other
/// web tests render (an `assert` in `Views.render`, on in debug builds).
@Suite struct CompiledTemplatesTests {
    @Test func everyTemplateIsCompiled() throws {
        let views = try Views.load()
        let folder = try #require(Bundle.module.url(forResource: "Templates", withExtension: nil))
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".mustache") }
            .map { String($0.dropLast(".mustache".count)) }
        #expect(names.count > 40)
        #expect(Set(names).subtracting(views.compiled.names).sorted() == [])
    }

    @Test func escapingIsSwiftMustachesAndTheFallbackIsTaken() throws {
        let views = try Views.load()
        let data: [String: Any] = ["title": "<script>alert('x') & \"y\"</script>", "status": "ok"]
        let compiled = try #require(views.compiled.render(data, template: "error"))
        #expect(compiled == views.library.render(data, withTemplate: "error"))
        #expect(!compiled.contains("<script>alert"))
        // A value of a type it does not know: no page from it (swift-mustache renders that one).
        struct Other {}
        #expect(views.compiled.render(["title": Other()], template: "error") == nil)
    }
}
