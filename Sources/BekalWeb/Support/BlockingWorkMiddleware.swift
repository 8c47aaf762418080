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
    let executor: BlockingWork

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try await withTaskExecutorPreference(executor) {
            try await next(request, context)
        }
    }
}

/// A task executor on a pool of threads that may block: jobs run in the order they come, as
/// many at once as there are threads.
final class BlockingWork: TaskExecutor, @unchecked Sendable {
    /// One pool per thread count, for the process (the tests start many apps): the count is
    /// ``WebConfiguration/blockingThreads``.
    static func shared(threads: Int) -> BlockingWork {
        lock.withLock {
            if let pool = pools[threads] { return pool }
            let pool = BlockingWork(threads: max(1, threads))
            pools[threads] = pool
            return pool
        }
    }
    private static let lock = NSLock()
    nonisolated(unsafe) private static var pools: [Int: BlockingWork] = [:]

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
