extension CommandRegistry {
    /// Every command RecBook ships, grouped by the file that declares them.
    public static var standard: CommandRegistry {
        CommandRegistry(ShowCommands.all + SelectionCommands.all + DataCommands.all + DataPlotCommands.all + GraphCommands.all
                            + SamplingCommands.all + ModelCommands.all + EvaluationCommands.all + ContrastiveCommands.all
                            + GNNCommands.all + NCFCommands.all,
                        archivable: [GraphObject.self, ModelObject.self, TrainingObject.self, EvaluationObject.self,
                                     LikedGraphObject.self, HoldoutObject.self, GNNModelObject.self, GNNTrainingObject.self, RankingObject.self,
                                     NCFConfigObject.self, NCFModelObject.self, NCFFitObject.self, NCFEvaluationObject.self,
                                     NCFRecommendationsObject.self, NCFSamplesObject.self])
    }
}
