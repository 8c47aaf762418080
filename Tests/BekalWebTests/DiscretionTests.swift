import BekalCore
import BekalWeb
import Foundation
import HTTPTypes
import Testing

/// A pendamping's phone is read over her shoulder in a market: the outcome form does not put
/// "pekerja seks" on the screen, nor her name in large type or in the tab's title.
@Suite struct DiscretionTests {
    @Test func theOutcomeFormUsesTheNeutralWordsAndKeepsHerNameSmall() async throws {
        let f = try WebFixture.aftercare()
        try await f.test { browser in
            try await browser.login("pendamping1")
            let page = try await browser.get("/binaan/B-00139/hasil")
            #expect(page.status == .ok)
            #expect(!page.body.lowercased().contains("seks"))
            #expect(page.body.contains("Apakah ia kembali ke pekerjaan lama?"))
            let h1 = try #require(page.body.firstMatch(of: /<h1>([^<]*)<\/h1>/)).1
            let title = try #require(page.body.firstMatch(of: /<title>([^<]*)<\/title>/)).1
            #expect(h1 == "Catat hasil pendampingan")
            #expect(!title.contains("Nining") && !h1.contains("Nining"))
            #expect(page.body.contains("<strong>Nining Suryani</strong>"), "her name, in the form's own small type")
        }
    }
}
