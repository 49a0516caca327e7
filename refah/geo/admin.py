from django.contrib import admin

from refah.geo.models import District, Neighbourhood, Province

admin.site.register(Province, list_display=["plate", "name"], search_fields=["name", "name_ascii"])
admin.site.register(District, list_display=["name", "province"], list_filter=["province"])
admin.site.register(Neighbourhood, list_display=["name", "district", "is_rural"])
