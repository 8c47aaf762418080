import BekalCore
import Foundation
import HTTPTypes
import Hummingbird

extension WebApp {
    func recipientListsPage(context: some PageContext) throws -> Response {
        throw WebDenial.notFound
    }
}
