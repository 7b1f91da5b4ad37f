from sobaocao.cli import main

main()
