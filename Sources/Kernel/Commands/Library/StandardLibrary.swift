extension CommandRegistry {
    /// Every command RecBook ships, grouped by the file that declares them.
    public static var standard: CommandRegistry {
        CommandRegistry(ShowCommands.all + DataCommands.all + DataPlotCommands.all + GraphCommands.all
                            + SamplingCommands.all + ModelCommands.all + EvaluationCommands.all + ContrastiveCommands.all
                            + GNNCommands.all + NCFCommands.all,
                        archivable: [GraphObject.self, ModelObject.self, TrainingObject.self, EvaluationObject.self])
    }
}
