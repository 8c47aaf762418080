import Foundation
import Hummingbird
import NIOPosix

/// Runs each request past it — the other middleware, the handler and every store call they
/// make — on threads of its own (``BlockingWork``) instead of Swift's cooperative threads, of
/// which there is one per core. A store call blocks its thread until the database answers
/// (GRDB's on SQLite, libpq's on PostgreSQL, where a write may also wait for the office's
/// writer); on the cooperative threads two such calls would stop every other request of the
/// process on this machine.
struct BlockingWorkMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try await withTaskExecutorPreference(BlockingWork.executor) {
            try await next(request, context)
        }
    }
}

/// A task executor on a pool of threads that may block: jobs run in the order they come, as
/// many at once as there are threads.
final class BlockingWork: TaskExecutor, @unchecked Sendable {
    /// One thread per request that may wait at once: past the PostgreSQL pool of `bekal serve`
    /// (16), so that a request waiting for a connection waits here, not on a cooperative thread.
    static let executor = BlockingWork(threads: 24)

    private let pool: NIOThreadPool

    init(threads: Int) {
        pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        pool.submit { [self] _ in job.runSynchronously(on: asUnownedTaskExecutor()) }
    }
}
