from styrkedja.cli import main

main()
