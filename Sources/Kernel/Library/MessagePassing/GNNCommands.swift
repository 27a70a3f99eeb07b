/// The commands of the message-passing walkthrough, registered together.
enum GNNCommands {
    static let all = GNNGraphCommands.all + GNNModelCommands.all + GNNInsightCommands.all
}
