import BekalCLI

BekalCommand.run()
