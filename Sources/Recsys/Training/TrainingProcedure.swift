import Engine

/// One tutorial's way of training a model for one epoch: its batches, its loss and its step.
///
/// Everything around the epoch is the same for every tutorial and lives once, in `run`: the
/// epoch count, the loss history, the stop on a non-finite loss or an interrupt, the evaluation
/// hook and the progress report. The four procedures — seed 001's full-batch BPR
/// (`FullBatchBPR`), SimGCL's mini-batch BPR + InfoNCE (`MiniBatchTraining`), seed 004's edge
/// batches (`EdgeBatchBPR`) and NCF's pointwise BCE (`NCFTrainer`) — only say what an epoch is.
public protocol TrainingProcedure {
    /// Epochs `run` trains.
    var epochs: Int { get }
    /// The losses an epoch reports, in display order; curves follow the last.
    var lossNames: [String] { get }
    /// Trains one more epoch and returns its losses in `lossNames` order, each averaged as the
    /// tutorial prints it.
    mutating func trainEpoch() -> [Double]
    /// Called after every epoch whose losses are finite, e.g. to rank the test cases; returns
    /// figures to show beside the losses in the progress line.
    mutating func evaluate(afterEpoch epoch: Int, losses: [Double], trainingSeconds: Double) -> [TrainingProgress.Loss]
}

extension TrainingProcedure {
    public mutating func evaluate(afterEpoch epoch: Int, losses: [Double], trainingSeconds: Double) -> [TrainingProgress.Loss] { [] }

    /// Trains `epochs` epochs and returns every epoch's losses; the time recorded includes the
    /// evaluations.
    /// - Throws: `TrainingStop` after the first epoch with a non-finite loss (its weights are of
    ///   no use) or when `epochGuard` asks to stop.
    public mutating func run(progress: ProgressReporter? = nil, epochGuard: EpochGuard = EpochGuard()) throws(TrainingStop) -> TrainingHistory {
        var history = TrainingHistory(lossNames: lossNames)
        let clock = ContinuousClock(), start = clock.now
        for epoch in stride(from: 1, through: epochs, by: 1) {
            let epochStart = clock.now
            let losses = trainEpoch()
            history.record(losses, elapsed: clock.now - start)
            try history.check(epoch: epoch, with: epochGuard)
            let shown = evaluate(afterEpoch: epoch, losses: losses, trainingSeconds: (clock.now - epochStart).seconds)
            history.stamp(elapsed: clock.now - start)
            let report = history.progress(total: epochs, elapsed: clock.now - start)
            progress?.report(TrainingProgress(epoch: report.epoch, of: report.totalEpochs, losses: report.losses + shown, elapsed: report.elapsed))
        }
        return history
    }
}

extension Optimizer {
    /// One optimisation step on `loss`: clear the gradients, back-propagate, update.
    public func minimize(_ loss: Variable) {
        zeroGrad()
        loss.backward()
        step()
    }
}
