#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Synchronization

/// The threads `Parallel` runs its chunks on: the calling thread and `threadCount − 1` workers
/// that keep spinning for a moment after each loop, so that they are awake for the next one.
///
/// `DispatchQueue.concurrentPerform` parks its workers as soon as a loop ends, and on a virtual
/// machine waking a parked thread means the host scheduling a halted vCPU again. On this
/// project's 2-vCPU Firecracker machines that took longer than most of the Engine's loops (an
/// NCF batch is five of them in 1.5 ms, a LightGCN step thirty in ten): the caller had run every
/// chunk itself before the worker woke, and two threads were barely faster than one (SpMM 1.09
/// against 0.78 ms, a LightGCN step 11.8 against 11.4 ms). A spinning worker picks the next
/// loop up in well under a microsecond. After `idleSpin` without work it parks, so an idle
/// RecBook costs no CPU.
///
/// One loop has the pool at a time. A loop that finds it taken — started by another thread, or
/// nested inside a chunk — runs on `concurrentPerform` instead; which thread runs a chunk never
/// changes what the chunk computes (see `Parallel`).
final class SpinningPool: @unchecked Sendable {
    static let shared = SpinningPool()
    /// How long an idle worker spins before it parks.
    static let idleSpin = Duration.milliseconds(2)

    /// Bumped once per loop; a worker runs a loop when it sees a value it has not run yet.
    private let generation = Atomic<Int>(0)
    /// The next chunk to hand out, and how many workers are done with the current loop.
    private let nextChunk = Atomic<Int>(0), finishedWorkers = Atomic<Int>(0)
    private let parkedWorkers = Atomic<Int>(0)
    /// The current loop; written only while every worker is done with the previous one.
    private var chunkCount = 0
    private var body: ((Int) -> Void)?
    private var workerCount = 0

    private let taken = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let parking = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let wake = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    private init() {
        pthread_mutex_init(taken, nil)
        pthread_mutex_init(parking, nil)
        pthread_cond_init(wake, nil)
    }

    /// Runs `body(0..<chunks)` across the pool and returns true, or returns false at once if
    /// the pool is running another loop.
    func run(_ chunks: Int, workers: Int, _ body: (Int) -> Void) -> Bool {
        guard pthread_mutex_trylock(taken) == 0 else { return false }
        defer { pthread_mutex_unlock(taken) }
        while workerCount < workers { startWorker() }
        withoutActuallyEscaping(body) { body in
            self.body = body
            chunkCount = chunks
            nextChunk.store(0, ordering: .relaxed)
            finishedWorkers.store(0, ordering: .relaxed)
            generation.add(1, ordering: .sequentiallyConsistent)
            if parkedWorkers.load(ordering: .sequentiallyConsistent) > 0 {
                pthread_mutex_lock(parking)
                pthread_cond_broadcast(wake)
                pthread_mutex_unlock(parking)
            }
            runChunks(body, chunks)
            var spins = 0
            while finishedWorkers.load(ordering: .acquiring) < workerCount {
                spins += 1
                // A worker that is not on a core (more workers than cores) needs ours.
                if spins > 10_000 { sched_yield() }
            }
            self.body = nil
        }
        return true
    }

    private func runChunks(_ body: (Int) -> Void, _ chunks: Int) {
        while true {
            let chunk = nextChunk.add(1, ordering: .relaxed).oldValue
            if chunk >= chunks { return }
            body(chunk)
        }
    }

    /// Called with `taken` held, so no loop is running and the new worker starts from now.
    private func startWorker() {
        let seen = generation.load(ordering: .relaxed)
        workerCount += 1
        var thread = pthread_t()
        let context = Unmanaged.passRetained(WorkerStart(pool: self, seen: seen)).toOpaque()
        let created = pthread_create(&thread, nil, { context in
            let start = Unmanaged<WorkerStart>.fromOpaque(context!).takeRetainedValue()
            start.pool.work(seen: start.seen)
        }, context)
        precondition(created == 0, "could not start a worker thread (pthread_create: \(created))")
        pthread_detach(thread)
    }

    /// A worker's share of the current loop. Its own reference to `body` must be gone before it
    /// reports the loop finished: the caller's closure lives only until then.
    @inline(never)
    private func runCurrentLoop() {
        let body = self.body!
        runChunks(body, chunkCount)
    }

    private func work(seen start: Int) -> Never {
        var seen = start
        while true {
            seen = waitForLoop(after: seen)
            runCurrentLoop()
            finishedWorkers.add(1, ordering: .releasing)
        }
    }

    /// Spins until a loop newer than `seen` is published, parking after `idleSpin`.
    private func waitForLoop(after seen: Int) -> Int {
        let clock = ContinuousClock()
        var deadline = clock.now + Self.idleSpin, spins = 0
        while true {
            let current = generation.load(ordering: .acquiring)
            if current != seen { return current }
            spins += 1
            guard spins & 1023 == 0, clock.now > deadline else { continue }
            pthread_mutex_lock(parking)
            parkedWorkers.add(1, ordering: .sequentiallyConsistent)
            while generation.load(ordering: .sequentiallyConsistent) == seen { pthread_cond_wait(wake, parking) }
            parkedWorkers.subtract(1, ordering: .sequentiallyConsistent)
            pthread_mutex_unlock(parking)
            deadline = clock.now + Self.idleSpin
        }
    }
}

/// What a new worker thread is handed.
private final class WorkerStart {
    let pool: SpinningPool
    let seen: Int
    init(pool: SpinningPool, seen: Int) {
        self.pool = pool
        self.seen = seen
    }
}
