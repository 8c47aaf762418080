import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The phone's signal, for the offline browser tests: a loopback relay between the browser and
/// the web app that can be switched off. Off, every connection open through it is cut and every
/// new one is closed as soon as it is accepted, for the page and its service worker alike
/// (DevTools' network emulation reaches only the page). It counts what it turned away, so a
/// test can show that the browser tried the network and got nothing.
final class SignalSwitch: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible { let description: String }

    /// Where the browser connects.
    let port: Int
    private let target: Int
    private let listener: Int32
    private let lock = NSLock()
    private var on = true
    private var stopped = false
    private var connections: Set<Int32> = []
    private var turnedAway = 0

    init(forwardingTo target: Int) throws {
        self.target = target
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: \(errno)") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = Self.loopback(port: 0)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard bound == 0, listen(fd, 64) == 0 else { close(fd); throw Failure(description: "bind/listen: \(errno)") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    /// With signal, or without.
    func set(signal: Bool) {
        // Under the lock, so that no descriptor is closed (and its number reused) meanwhile.
        lock.lock()
        on = signal
        if !signal { for fd in connections { shutdown(fd, Int32(SHUT_RDWR)) } }
        lock.unlock()
    }

    /// Connections turned away while off.
    var refused: Int {
        lock.lock(); defer { lock.unlock() }
        return turnedAway
    }

    func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
        set(signal: false)
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            lock.lock()
            let (isOn, isStopped) = (on, stopped)
            if client >= 0 && !isOn { turnedAway += 1 }
            lock.unlock()
            if isStopped { if client >= 0 { close(client) }; return }
            guard client >= 0 else { continue }
            guard isOn, let server = connectToTarget() else { close(client); continue }
            lock.lock()
            connections.formUnion([client, server])
            lock.unlock()
            let finished = DispatchGroup()
            for (from, to) in [(client, server), (server, client)] {
                finished.enter()
                Thread.detachNewThread { [self] in
                    pump(from: from, to: to)
                    finished.leave()
                }
            }
            finished.notify(queue: .global()) { [self] in
                lock.lock()
                connections.subtract([client, server])
                close(client)
                close(server)
                lock.unlock()
            }
        }
    }

    private func connectToTarget() -> Int32? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var address = Self.loopback(port: UInt16(target))
        let connected = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard connected == 0 else { close(fd); return nil }
        return fd
    }

    private func pump(from: Int32, to: Int32) {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(from, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            var sent = 0
            while sent < count {
                // MSG_NOSIGNAL: a peer gone is an error here, not SIGPIPE for the whole test run.
                let wrote = buffer.withUnsafeBytes { send(to, $0.baseAddress! + sent, count - sent, Int32(MSG_NOSIGNAL)) }
                if wrote <= 0 { break }
                sent += wrote
            }
            if sent < count { break }
        }
        shutdown(from, Int32(SHUT_RDWR))
        shutdown(to, Int32(SHUT_RDWR))
    }
}
