from ninja import Router

router = Router(tags=["aidcard"])
