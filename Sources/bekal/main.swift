import BekalCLI

await BekalCommand.run()
