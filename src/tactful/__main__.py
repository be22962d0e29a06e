from tactful.cli import main

main()
