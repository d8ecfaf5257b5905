from okrtui.cli.main import main

raise SystemExit(main())
