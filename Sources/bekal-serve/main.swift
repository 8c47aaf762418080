import BekalCLI
import BekalServe

await BekalCommand.run(ServeCommand.self)
